package org.jzrepl.replication.driver;

import java.io.IOException;
import java.util.Queue;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the sender for the size of planned steps ({@code sendDry}) on its own session, until the shared
 * queue of steps is empty, so that the report knows every step's expected bytes before stepping starts
 * (zrepl's size estimates; {@code concurrency.size_estimates} of these run at once). A step whose
 * estimate fails keeps an unknown size: its own send will report the failure. A connection failure
 * ends the attempt, as for a step.
 */
final class EstimateWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(EstimateWorker.class);

    private final Attempt attempt;
    private final Queue<StepQueue.Task> tasks;
    private final SessionPool pool;
    private final AttemptTracker tracker;
    private final ReplicationConfig protection;

    EstimateWorker(Attempt attempt, Queue<StepQueue.Task> tasks, SessionPool pool, AttemptTracker tracker,
                   ReplicationConfig protection) {
        this.attempt = attempt;
        this.tasks = tasks;
        this.pool = pool;
        this.tracker = tracker;
        this.protection = protection;
    }

    @Override
    public void run() {
        EndpointSession session = null;
        try {
            StepQueue.Task t;
            while (!attempt.stopping() && (t = tasks.poll()) != null) {
                if (session == null) {
                    session = pool.acquire();
                }
                try {
                    SendResponse r = session.sender().sendDry(StepRunner.sendRequest(t.step(), protection, false));
                    tracker.stepEstimated(t.fs(), t.index(), r == null ? -1 : r.expectedSize());
                } catch (IOException | RuntimeException e) {
                    if (FailureKind.of(e) != FailureKind.FILESYSTEM) {
                        throw e;
                    }
                    LOG.debug("size estimate of {} failed: {}", t.step(), FailureKind.describe(e));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                pool.discard(session);
                session = null;
            }
            if (!attempt.cancelled()) {
                FailureKind kind = FailureKind.of(e);
                attempt.connectionLost(kind == FailureKind.FATAL ? kind : FailureKind.CONNECTIVITY, e);
            }
        } finally {
            if (session != null) {
                pool.release(session);
            }
            attempt.workerDone();
        }
    }
}
