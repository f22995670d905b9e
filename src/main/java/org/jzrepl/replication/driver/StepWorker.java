package org.jzrepl.replication.driver;

import java.io.IOException;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Semaphore;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step worker of an attempt, on its own session: first helps with the size estimates (dry sends,
 * at most {@code sizeEstimates} at once over all workers), then runs steps from the queue until none
 * is left. A call failure fails that filesystem only; a connection failure stops the queue and is
 * handed to {@link Attempt#connectionLost}.
 */
final class StepWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StepWorker.class);

    private final Attempt attempt;
    private final StepQueue queue;
    private final Queue<StepQueue.Task> estimates;
    private final Semaphore estimateSlots;
    private final SessionPool pool;
    private final AttemptTracker tracker;
    private final StepRunner runner;
    private final ReplicationConfig protection;
    private EndpointSession session;

    StepWorker(Attempt attempt, StepQueue queue, Queue<StepQueue.Task> estimates, Semaphore estimateSlots,
               SessionPool pool, AttemptTracker tracker, ReplicationConfig protection) {
        this.attempt = attempt;
        this.queue = queue;
        this.estimates = estimates;
        this.estimateSlots = estimateSlots;
        this.pool = pool;
        this.tracker = tracker;
        this.protection = protection;
        this.runner = new StepRunner(protection, tracker);
    }

    @Override
    public void run() {
        try {
            if (estimate()) {
                step();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("replication step worker failed", e);
            attempt.connectionLost(FailureKind.FATAL, e);
        } finally {
            if (session != null) {
                pool.release(session);
            }
            attempt.workerDone();
        }
    }

    /** Returns false when the attempt must stop. */
    private boolean estimate() throws InterruptedException {
        StepQueue.Task t;
        while (!attempt.stopping() && (t = estimates.poll()) != null) {
            estimateSlots.acquire();
            try {
                if (!ensureSession()) {
                    return false;
                }
                SendResponse r = session.sender().sendDry(StepRunner.sendRequest(t.step(), protection));
                tracker.stepEstimated(t.fs(), t.index(), r == null ? -1 : r.expectedSize());
            } catch (IOException | RuntimeException e) {
                if (attempt.cancelled()) {
                    return false;
                }
                FailureKind kind = FailureKind.of(e);
                if (kind != FailureKind.FILESYSTEM) {
                    failSession(kind, e);
                    return false;
                }
                LOG.debug("size estimate of {} failed: {}", t.step(), FailureKind.describe(e));
            } finally {
                estimateSlots.release();
            }
        }
        return !attempt.stopping();
    }

    private void step() throws InterruptedException {
        Optional<StepQueue.Task> next;
        while ((next = queue.take()).isPresent()) {
            StepQueue.Task t = next.get();
            if (!ensureSession()) {
                queue.giveBack(t);
                return;
            }
            try {
                LOG.info("replicating {}", t.step());
                runner.run(session, t);
                tracker.stepDone(t.fs(), t.index());
                queue.completed(t).forEach(tracker::unblocked);
                LOG.info("replicated {}", t.step());
            } catch (IOException | RuntimeException e) {
                boolean cancelled = attempt.cancelled();
                FailureKind kind = FailureKind.of(e);
                String why = cancelled ? "cancelled" : describe(kind, e);
                tracker.stepFailed(t.fs(), t.index(), why);
                for (StepQueue.Abandoned a : queue.failed(t)) {
                    tracker.abandoned(a.fs(), "not started: its parent " + a.parent() + " failed");
                }
                LOG.warn("replication step {} failed: {}", t.step(), why);
                if (cancelled) {
                    return;
                }
                if (kind != FailureKind.FILESYSTEM) {
                    failSession(kind, e);
                    return;
                }
            }
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
