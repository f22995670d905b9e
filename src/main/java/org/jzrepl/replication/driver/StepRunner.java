package org.jzrepl.replication.driver;

import java.io.IOException;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.replication.plan.Step;
import org.jzrepl.rpc.Streamed;

/**
 * Runs one step on one session, in the calling thread: {@code send}, the stream piped into
 * {@code receive} (counted as it passes), then {@code sendCompleted}. The send stream is always
 * closed before {@code sendCompleted}, as the RPC connection requires.
 */
final class StepRunner {

    private final ReplicationConfig protection;
    private final AttemptTracker tracker;

    StepRunner(ReplicationConfig protection, AttemptTracker tracker) {
        this.protection = protection;
        this.tracker = tracker;
    }

    static SendRequest sendRequest(Step step, ReplicationConfig protection) {
        return new SendRequest(step.fs().name(), step.from().map(Version::of).orElse(null), Version.of(step.to()),
                step.resume().map(t -> t.token()).orElse(null), protection);
    }

    void run(EndpointSession session, StepQueue.Task task) throws IOException {
        Step step = task.step();
        LiveStep live = tracker.stepStarted(task.fs(), task.index());
        SendRequest request = sendRequest(step, protection);
        Streamed<SendResponse> sent = session.sender().send(request);
        try {
            SendResponse response = sent.value();
            boolean usedToken = response != null && response.usedResumeToken();
            tracker.stepSized(task.fs(), task.index(), response == null ? -1 : response.expectedSize(), usedToken);
            ReceiveRequest receive =
                    new ReceiveRequest(step.fs().name(), Version.of(step.to()), !usedToken, protection);
            session.receiver().receive(receive, new CountingInputStream(sent.stream(), live.replicated));
        } catch (IOException | RuntimeException e) {
            closeAfter(sent, e);
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
