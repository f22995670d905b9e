package org.jzrepl.job;

/**
 * A job cannot start as configured: a transport that is not built, a listener that cannot open,
 * a socket path in use. The message names the job and says what to change; retrying without
 * changing the config or the host does not help.
 */
public final class JobStartException extends Exception {

    public JobStartException(String job, String message) {
        super("job '" + job + "': " + message);
    }

    public JobStartException(String job, String message, Throwable cause) {
        super("job '" + job + "': " + message, cause);
    }
}
