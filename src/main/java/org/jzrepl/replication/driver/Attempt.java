package org.jzrepl.replication.driver;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jzrepl.replication.plan.Plan;
import org.jzrepl.replication.plan.Planner;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.runtime.TaskRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt: list both sides and plan on one session, then run the steps on up to
 * {@code concurrentSteps} workers, each on its own session. Ends when every step ran, or after a
 * connection failure once the running steps have finished. Used once, from the driver's run thread;
 * {@link #cancel()} may come from any thread.
 */
final class Attempt {

    private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);
    /** After a cancel, how long run() waits for the workers to notice before it returns anyway. */
    static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

    /** How the attempt ended; {@code error} is null for DONE. */
    record Result(AttemptState state, FailureKind connection, String error) {
    }

    private final DriverSettings settings;
    private final AttemptTracker tracker;
    private final SessionPool pool;
    private final Targets targets;
    private final TaskRunner runner;
    private volatile boolean cancelled;
    private volatile StepQueue queue;
    private int runningWorkers;
    private FailureKind connectionFailure;
    private String connectionError;

    Attempt(DriverSettings settings, AttemptTracker tracker, SessionPool pool, Targets targets, TaskRunner runner) {
        this.settings = settings;
        this.tracker = tracker;
        this.pool = pool;
        this.targets = targets;
        this.runner = runner;
    }

    Result run() throws InterruptedException {
        Plan plan;
        Listing listing;
        EndpointSession session;
        try {
            session = pool.acquire();
        } catch (IOException e) {
            return connectionResult(FailureKind.of(e) == FailureKind.FATAL ? FailureKind.FATAL
                    : FailureKind.CONNECTIVITY, "connecting failed: " + FailureKind.describe(e));
        }
        try {
            listing = Listing.gather(session);
            plan = Planner.plan(listing.senders(), listing.receivers(), settings.policy());
        } catch (IOException | RuntimeException e) {
            FailureKind kind = FailureKind.of(e);
            if (kind == FailureKind.FILESYSTEM || cancelled) {
                pool.release(session);
                return cancelled ? cancelledResult() : new Result(AttemptState.PLANNING_ERROR, null,
                        "planning failed: " + FailureKind.describe(e));
            }
            pool.discard(session);
            return connectionResult(kind, "connection failed while planning: " + FailureKind.describe(e));
        }
        pool.release(session);
        targets.record(plan);
        List<StepQueue.Planned> queued = PlanIntake.register(listing, plan, targets, tracker);
        LOG.info("replication plan: {}", plan);
        return step(queued);
    }

    private Result step(List<StepQueue.Planned> queued) throws InterruptedException {
        int total = queued.stream().mapToInt(p -> p.steps().size()).sum();
        StallWatchdog watchdog = new StallWatchdog(runner, settings.stallTimeout());
        try {
            if (settings.sizeEstimates() > 0 && total > 0) {
                Queue<StepQueue.Task> estimates = new ConcurrentLinkedQueue<>();
                for (StepQueue.Planned p : queued) {
                    for (int i = 0; i < p.steps().size(); i++) {
                        estimates.add(new StepQueue.Task(p.fs(), i, p.steps().get(i)));
                    }
                }
                int n = Math.min(settings.sizeEstimates(), total);
                runWorkers(n, "estimate", () -> new EstimateWorker(this, estimates, pool, tracker,
                        settings.protection(), runner, watchdog));
            }
            tracker.state(AttemptState.STEPPING, null);
            StepQueue q = new StepQueue(queued);
            queue = q;
            if (stopping()) {
                q.stop();
            }
            runWorkers(Math.min(settings.concurrentSteps(), total), "step",
                    () -> new StepWorker(this, q, pool, tracker, settings.protection(), runner, watchdog));
        } finally {
            watchdog.stop();
        }
        if (cancelled) {
            return cancelledResult();
        }
        synchronized (this) {
            if (connectionFailure != null) {
                return connectionResult(connectionFailure, connectionError);
            }
        }
        int failed = tracker.failedFilesystems();
        return failed == 0 ? new Result(AttemptState.DONE, null, null)
                : new Result(AttemptState.FAILED, null, failed + (failed == 1 ? " filesystem" : " filesystems")
                + " failed");
    }

    /** Runs {@code n} workers on the task runner and waits until they are done (or a cancel's grace ends). */
    private void runWorkers(int n, String kind, java.util.function.Supplier<Runnable> worker)
            throws InterruptedException {
        if (n == 0 || stopping()) {
            return;
        }
        synchronized (this) {
            runningWorkers = n;
        }
        for (int i = 0; i < n; i++) {
            runner.execute("replication " + kind + " worker " + (i + 1), worker.get());
        }
        awaitWorkers();
    }

    private synchronized void awaitWorkers() throws InterruptedException {
        long graceEnd = 0;
        while (runningWorkers > 0) {
            if (!cancelled) {
                wait();
                continue;
            }
            long now = System.nanoTime();
            if (graceEnd == 0) {
                graceEnd = now + CANCEL_GRACE.toNanos();
            }
            if (now - graceEnd >= 0) {
                LOG.warn("{} replication worker(s) did not stop within {} of the cancel", runningWorkers,
                        CANCEL_GRACE);
                return;
            }
            wait(Math.max(1, (graceEnd - now) / 1_000_000));
        }
    }

    synchronized void workerDone() {
        runningWorkers--;
        notifyAll();
    }

    /** A worker's connection failed: no new steps; the attempt ends when the running ones have. */
    void connectionLost(FailureKind kind, Throwable e) {
        synchronized (this) {
            boolean worse = connectionFailure == FailureKind.CONNECTIVITY && kind == FailureKind.FATAL;
            if (connectionFailure == null || worse) {
                connectionFailure = kind == FailureKind.FILESYSTEM ? FailureKind.CONNECTIVITY : kind;
                connectionError = "connection failed: " + FailureKind.describe(e);
            }
        }
        StepQueue q = queue;
        if (q != null) {
            q.stop();
        }
    }

    /**
     * A step stalled and was aborted: like a connection failure (no new steps, the attempt ends when
     * the running ones have, the next attempt re-plans and resumes it), with {@code error} as the reason.
     * A connection failure recorded before wins.
     */
    void stalled(String error) {
        synchronized (this) {
            if (connectionFailure == null) {
                connectionFailure = FailureKind.CONNECTIVITY;
                connectionError = error;
            }
        }
        StepQueue q = queue;
        if (q != null) {
            q.stop();
        }
    }

    boolean stopping() {
        synchronized (this) {
            if (connectionFailure != null) {
                return true;
            }
        }
        return cancelled;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Stops handing out steps, closes every session (running calls fail) and wakes run(). */
    void cancel() {
        cancelled = true;
        StepQueue q = queue;
        if (q != null) {
            q.stop();
        }
        pool.closeAll();
        synchronized (this) {
            notifyAll();
        }
    }

    private Result connectionResult(FailureKind kind, String error) {
        return cancelled ? cancelledResult() : new Result(AttemptState.FAILED, kind, error);
    }

    private static Result cancelledResult() {
        return new Result(AttemptState.CANCELLED, null, "cancelled");
    }
}
