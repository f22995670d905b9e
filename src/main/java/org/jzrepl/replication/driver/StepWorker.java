package org.jzrepl.replication.driver;

import java.io.IOException;
import java.util.Optional;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.runtime.TaskRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step worker of an attempt, on its own session: runs steps from the queue until none is left.
 * A call failure fails that filesystem only; a connection failure stops the queue and is handed to
 * {@link Attempt#connectionLost}; either way the worker's session goes back to the pool or is discarded.
 */
final class StepWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StepWorker.class);

    private final Attempt attempt;
    private final StepQueue queue;
    private final SessionPool pool;
    private final AttemptTracker tracker;
    private final StepRunner runner;
    private EndpointSession session;
    private StepQueue.Task current;

    StepWorker(Attempt attempt, StepQueue queue, SessionPool pool, AttemptTracker tracker,
               ReplicationConfig protection, TaskRunner tasks, StallWatchdog watchdog) {
        this.attempt = attempt;
        this.queue = queue;
        this.pool = pool;
        this.tracker = tracker;
        this.runner = new StepRunner(protection, tracker, tasks, watchdog);
    }

    /**
     * Runs steps; a worker that dies of an unexpected failure (an Error such as a class missing
     * from a jar replaced under the running daemon) fails its step and the attempt, not retried,
     * and its session, which may be mid-call, is discarded.
     */
    @Override
    public void run() {
        boolean broken = false;
        try {
            step();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            broken = true;
            LOG.error("replication step worker failed", e);
            if (current != null) {
                tracker.stepFailed(current.fs(), current.index(), "internal error: " + e);
            }
            attempt.connectionLost(FailureKind.FATAL, e);
        } finally {
            if (session != null) {
                if (broken) {
                    pool.discard(session);
                } else {
                    pool.release(session);
                }
            }
            attempt.workerDone();
        }
    }

    private void step() throws InterruptedException {
        Optional<StepQueue.Task> next;
        while ((next = queue.take()).isPresent()) {
            StepQueue.Task t = next.get();
            if (!ensureSession()) {
                queue.giveBack(t);
                return;
            }
            current = t;
            try {
                LOG.info("replicating {}", t.step());
                runner.run(session, t);
                tracker.stepDone(t.fs(), t.index());
                queue.completed(t).forEach(tracker::unblocked);
                LOG.info("replicated {}", t.step());
            } catch (IOException | RuntimeException e) {
                boolean cancelled = attempt.cancelled();
                String stalled = tracker.stalled(t.fs(), t.index());
                FailureKind kind = stalled != null ? FailureKind.CONNECTIVITY : FailureKind.of(e);
                String why = cancelled ? "cancelled" : stalled != null ? stalled : describe(kind, e);
                tracker.stepFailed(t.fs(), t.index(), why);
                for (StepQueue.Abandoned a : queue.failed(t)) {
                    tracker.abandoned(a.fs(), "not started: its parent " + a.parent() + " failed");
                }
                LOG.warn("replication step {} failed: {}", t.step(), why);
                if (cancelled) {
                    return;
                }
                if (stalled != null) {
                    attempt.stalled("step " + t.step() + " stalled: " + stalled);
                    failSession(kind, e);
                    return;
                }
                if (kind != FailureKind.FILESYSTEM) {
                    failSession(kind, e);
                    return;
                }
            }
            current = null;     // set only while a step runs: what a worker dying mid-step fails
        }
    }

    private boolean ensureSession() {
        if (session != null) {
            return true;
        }
        try {
            session = pool.acquire();
            return true;
        } catch (IOException | RuntimeException e) {
            FailureKind kind = FailureKind.of(e);
            attempt.connectionLost(kind == FailureKind.FATAL ? kind : FailureKind.CONNECTIVITY, e);
            return false;
        }
    }

    private void failSession(FailureKind kind, Exception e) {
        if (session != null) {
            pool.discard(session);
            session = null;
        }
        attempt.connectionLost(kind, e);
    }

    private static String describe(FailureKind kind, Exception e) {
        return switch (kind) {
            case FILESYSTEM -> FailureKind.describe(e);
            case CONNECTIVITY -> "connection failed: " + FailureKind.describe(e);
            case FATAL -> "connection failed (not retried): " + FailureKind.describe(e);
        };
    }
}
