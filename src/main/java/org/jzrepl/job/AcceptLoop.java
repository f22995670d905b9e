package org.jzrepl.job;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.function.Consumer;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.transport.AuthenticatedListener;
import org.jzrepl.transport.AuthenticatedWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PassiveJob}'s acceptor task: accepts wires from the listener until it is closed and
 * serves each as a task of its own ({@code job JOB serve IDENTITY}). An unexpected error (a bug)
 * ends it and marks the job FAILED.
 *
 * <p>Logs as {@link PassiveJob}: log level settings name that logger.
 */
final class AcceptLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PassiveJob.class);

    private final String job;
    private final AuthenticatedListener listener;
    private final ServingState state;
    private final TaskRunner runner;
    private final Consumer<AuthenticatedWire> serve;

    AcceptLoop(String job, AuthenticatedListener listener, ServingState state, TaskRunner runner,
               Consumer<AuthenticatedWire> serve) {
        this.job = job;
        this.listener = listener;
        this.state = state;
        this.runner = runner;
        this.serve = serve;
    }

    @Override
    public void run() {
        try {
            acceptUntilClosed();
        } catch (Throwable t) {
            String why = "accept task died: " + t + "; the job accepts no more connections until the daemon restarts";
            state.acceptorFailed(why);
            LOG.error("job {} failed: {}", job, why, t);
        } finally {
            state.acceptorEnded();
        }
    }

    private void acceptUntilClosed() {
        while (true) {
            AuthenticatedWire w;
            try {
                w = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (state.isClosed()) {
                    return;
                }
                LOG.warn("job {}: accepting a connection failed: {}", job, e.getMessage());
                continue;
            }
            if (!state.admit(w)) {
                return;
            }
            runner.execute("job " + job + " serve " + w.clientIdentity(), () -> serve.accept(w));
        }
    }
}
