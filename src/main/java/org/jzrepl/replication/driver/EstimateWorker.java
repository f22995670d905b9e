package org.jzrepl.replication.driver;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jzrepl.config.Durations;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.zfs.KillSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the sender for the size of planned steps ({@code sendDry}) on its own session, until the shared
 * queue of steps is empty, so that the report knows every step's expected bytes before stepping starts
 * (zrepl's size estimates; {@code concurrency.size_estimates} of these run at once). A step whose
 * estimate fails keeps an unknown size: its own send will report the failure. A connection failure
 * ends the attempt, as for a step. An estimate that has not answered within the stall timeout is
 * aborted as a stalled step is: its local zfs processes are killed (its {@link KillSwitch} trips;
 * the step then goes on without a size), and if that does not end the call, one watchdog period
 * later its session is closed (a remote side kills its own) and the attempt ends as stalled.
 */
final class EstimateWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(EstimateWorker.class);

    private final Attempt attempt;
    private final Queue<StepQueue.Task> tasks;
    private final SessionPool pool;
    private final AttemptTracker tracker;
    private final ReplicationConfig protection;
    private final TaskRunner runner;
    private final StallWatchdog watchdog;

    EstimateWorker(Attempt attempt, Queue<StepQueue.Task> tasks, SessionPool pool, AttemptTracker tracker,
                   ReplicationConfig protection, TaskRunner runner, StallWatchdog watchdog) {
        this.attempt = attempt;
        this.tasks = tasks;
        this.pool = pool;
        this.tracker = tracker;
        this.protection = protection;
        this.runner = runner;
        this.watchdog = watchdog;
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
                Watched w = new Watched(t, session);
                watchdog.watch(w, () -> 0, w::stalled);
                try (KillSwitch.Binding b = w.kill.bind()) {
                    SendResponse r = session.sender().sendDry(StepRunner.sendRequest(t.step(), protection, false));
                    tracker.stepEstimated(t.fs(), t.index(), r == null ? -1 : r.expectedSize());
                } catch (IOException | RuntimeException e) {
                    if (w.sessionClosed.get()) {
                        attempt.stalled("size estimate of " + t.step() + " stalled: " + w.why);
                        throw e;
                    }
                    if (FailureKind.of(e) != FailureKind.FILESYSTEM) {
                        throw e;
                    }
                    LOG.debug("size estimate of {} failed: {}", t.step(), FailureKind.describe(e));
                } finally {
                    w.ended = true;
                    watchdog.unwatch(w);
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

    /** One running estimate, as the watchdog sees it: no bytes ever move, so it may only take the stall time. */
    private final class Watched {
        final StepQueue.Task task;
        final EndpointSession session;
        final KillSwitch kill;
        final AtomicBoolean sessionClosed = new AtomicBoolean();
        volatile boolean ended;
        volatile String why;

        Watched(StepQueue.Task task, EndpointSession session) {
            this.task = task;
            this.session = session;
            this.kill = new KillSwitch("size estimate of " + task.step());
        }

        void stalled(String why) {
            this.why = why;
            int killed = kill.trip(why);
            LOG.warn("size estimate of {} did not answer within {} (replication.timeout.stall): killed {} local zfs"
                    + " process{}", task.step(), Durations.format(watchdog.timeout()), killed, killed == 1 ? "" : "es");
            runner.schedule("close stalled estimate's session",
                    runner.clock().instant().plus(StallWatchdog.period(watchdog.timeout())), () -> {
                        if (!ended) {
                            sessionClosed.set(true);
                            SessionPool.closeQuietly(session);
                        }
                    });
        }
    }
}
