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

    /** No job of the given name: the request is refused with 404 and this message. */
    final class UnknownJobException extends Exception {
        public UnknownJobException(String job) {
            super("no job named '" + job + "'");
        }
    }
}
