package org.jzrepl.daemon.control;

/**
 * What the control socket serves; implemented by the daemon. Called on the control server's
 * connection threads, concurrently: implementations must be thread-safe and must not block
 * for long (the client gives up after its timeout).
 */
public interface ControlHandler {

    /** The daemon's status report: any value Jackson can serialize. */
    Object status();

    /** jzrepl's version string. */
    String version();

    /**
     * Signals a job.
     *
     * @throws UnknownJobException when no job has that name; the client shows the message
     */
    void signal(String job, SignalOp op) throws UnknownJobException;

    /**
     * What pruning would do now, without destroying: {@code {"jobs": [...]}} of every job that prunes,
     * or of {@code job} only; {@code filesystem} non-null: that filesystem only. May take as long as
     * listing both sides of each job (the server allows {@code ControlServer.PRUNE_TIMEOUT}).
     *
     * @throws UnknownJobException when {@code job} is not null and no job has that name
     * @throws IllegalArgumentException when {@code job} does not prune (a sink or source)
     */
    Object pruneDryRun(String job, String filesystem) throws UnknownJobException;

    /**
     * Starts writing a Chrome trace file of the daemon's tasks and spans to {@code path}.
     *
     * @return the trace's state ({@code path}, {@code bytes}, {@code events}, {@code capped})
     * @throws java.io.IOException      the file exists (without {@code force}) or cannot be created: 400
     * @throws IllegalArgumentException a bad path or cap: 400
     * @throws IllegalStateException    a trace is being written already: 409
     */
    default Object traceStart(String path, boolean force, long maxBytes) throws java.io.IOException {
        throw new IllegalArgumentException("this daemon does not write traces");
    }

    /** Stops the trace and closes its file: its final state, or {@code {}} when none ran. */
    default Object traceStop() {
        throw new IllegalArgumentException("this daemon does not write traces");
    }

    /** No job of the given name: the request is refused with 404 and this message. */
    final class UnknownJobException extends Exception {
        public UnknownJobException(String job) {
            super("no job named '" + job + "'");
        }
    }
}
