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

    /** No job of the given name: the request is refused with 404 and this message. */
    final class UnknownJobException extends Exception {
        public UnknownJobException(String job) {
            super("no job named '" + job + "'");
        }
    }
}
