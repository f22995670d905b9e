package org.jzrepl.replication.driver;

import org.jzrepl.util.log.LogContext;
import org.jzrepl.util.trace.Span;
import org.jzrepl.util.trace.Spans;

import java.io.IOException;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.replication.plan.Step;
import org.jzrepl.rpc.Streamed;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.zfs.KillSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step on one session: {@code receive} starts on a task of its own at once, {@code send}
 * runs in the calling thread, and the receiver reads the send stream (counted as it passes) as
 * soon as the sender answers, so the two sides prepare in parallel; then {@code sendCompleted}.
 * When either side fails the other is stopped and awaited, and the first failure is thrown. The
 * send stream is always closed before {@code sendCompleted}, as the RPC connection requires.
 *
 * <p>While it runs, the step is watched by the attempt's {@link StallWatchdog}: a step whose byte
 * count stops moving is marked stalled and its session closed, which fails the calls on it (a
 * remote side kills its zfs processes when the connection ends); if the step is still running one
 * watchdog period later, its {@link KillSwitch} trips, which kills every local zfs process the step
 * started on any of its threads (the receive task and the sender's helpers too: they run under the
 * step's switch), and its send stream is closed.
 */
final class StepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    private final ReplicationConfig protection;
    private final AttemptTracker tracker;
    private final TaskRunner tasks;
    private final StallWatchdog watchdog;

    StepRunner(ReplicationConfig protection, AttemptTracker tracker, TaskRunner tasks, StallWatchdog watchdog) {
        this.protection = protection;
        this.tracker = tracker;
        this.tasks = tasks;
        this.watchdog = watchdog;
    }

    /** The step's send; {@code sizeKnown} when a dry send estimated it already. */
    static SendRequest sendRequest(Step step, ReplicationConfig protection, boolean sizeKnown) {
        return new SendRequest(step.fs().name(), step.from().map(Version::of).orElse(null), Version.of(step.to()),
                step.resume().map(t -> t.token()).orElse(null), protection, sizeKnown);
    }

    void run(EndpointSession session, StepQueue.Task task) throws IOException {
        Step step = task.step();
        try (LogContext.Scope fs = LogContext.with(LogContext.FILESYSTEM, step.fs().name());
             LogContext.Scope sub = LogContext.with(LogContext.SUBSYSTEM, "replication");
             Span fsSpan = Spans.begin("fs", "filesystem", step.fs().name());
             Span stepSpan = Spans.begin("step", "step", step.toString())) {
            runStep(session, task);
        }
    }

    private void runStep(EndpointSession session, StepQueue.Task task) throws IOException {
        LiveStep live = tracker.stepStarted(task.fs(), task.index());
        KillSwitch kill = new KillSwitch("step " + task.step());
        Watched watched = new Watched(session, task, kill);
        watchdog.watch(live, live.replicated::get, watched::stalled);
        try (KillSwitch.Binding b = kill.bind()) {
            run(session, task, live, watched);
        } finally {
            watched.ended = true;
            watchdog.unwatch(live);
        }
    }

    /** What the watchdog may close of a running step. */
    private final class Watched {
        final EndpointSession session;
        final StepQueue.Task task;
        final KillSwitch kill;
        volatile Streamed<SendResponse> sent;
        volatile boolean ended;

        Watched(EndpointSession session, StepQueue.Task task, KillSwitch kill) {
            this.session = session;
            this.task = task;
            this.kill = kill;
        }

        /**
         * Closes the session at once (a remote side then kills its zfs process); one watchdog
         * period later, if the step still runs, kills the step's local zfs processes (a stopped
         * {@code zfs recv} that blocks the receive in a pipe write, a {@code zfs send} that hangs
         * before answering) and closes its send stream.
         */
        void stalled(String why) {
            tracker.stepStalled(task.fs(), task.index(), why);
            SessionPool.closeQuietly(session);
            tasks.schedule("kill stalled step's zfs processes", tasks.clock().instant().plus(StallWatchdog.period(
                    watchdog.timeout())), () -> {
                        if (ended) {
                            return;
                        }
                        int killed = kill.trip(why);
                        if (killed > 0) {
                            LOG.warn("{} stalled: killed {} local zfs process{}", task.step(), killed,
                                    killed == 1 ? "" : "es");
                        }
                        Streamed<SendResponse> s = sent;
                        if (s != null) {
                            closeAfter(s, new IOException(why));
                        }
                    });
        }
    }

    private void run(EndpointSession session, StepQueue.Task task, LiveStep live, Watched watched)
            throws IOException {
        Step step = task.step();
        SendRequest request = sendRequest(step, protection, live.expected >= 0);
        // A sender resumes when asked to or refuses (checked below), so the receiver can start now.
        ReceiveRequest receive =
                new ReceiveRequest(step.fs().name(), request.from(), Version.of(step.to()), !step.isResume(), protection);
        PendingStream pending = new PendingStream();
        ReceiveCall received = ReceiveCall.start(tasks, session.receiver(), receive,
                new CountingInputStream(pending, live.replicated));
        Streamed<SendResponse> sent;
        try {
            sent = session.sender().send(request);
        } catch (IOException | RuntimeException e) {
            pending.fail(e);
            received.awaitQuietly();
            throw e;
        }
        watched.sent = sent;
        try {
            SendResponse response = sent.value();
            boolean usedToken = response != null && response.usedResumeToken();
            if (usedToken != step.isResume()) {
                throw new IOException("the sender " + (usedToken ? "resumed" : "did not resume") + " " + step
                        + " although the driver asked it " + (usedToken ? "not to" : "to"));
            }
            tracker.stepSized(task.fs(), task.index(), response == null ? -1 : response.expectedSize(), usedToken);
            pending.supply(sent.stream());
            received.await();
        } catch (IOException | RuntimeException e) {
            pending.fail(e);
            closeAfter(sent, e);
            received.awaitQuietly();
            throw e;
        }
        sent.close();
        session.sender().sendCompleted(new SendCompletedRequest(request));
    }

    /**
     * Closes the send stream after {@code failure}. Not try-with-resources: a broken RPC stream
     * rethrows the failure it already threw from close(), and adding an exception to its own
     * suppressed list throws IllegalArgumentException.
     */
    private static void closeAfter(Streamed<SendResponse> sent, Exception failure) {
        try {
            sent.close();
        } catch (IOException | RuntimeException e) {
            if (e != failure) {
                failure.addSuppressed(e);
            }
        }
    }
}
