package org.jzrepl.snapshot.hook;

/**
 * A hook failed: non-zero exit, timeout, a database error. The message says which hook and why
 * and is safe to log (peer and process text escaped); {@link #outputTail()} is the end of what the
 * hook printed, for status, possibly empty.
 */
public final class HookException extends Exception {
    private final String outputTail;

    public HookException(String message, String outputTail, Throwable cause) {
        super(message, cause);
        this.outputTail = outputTail == null ? "" : outputTail;
    }

    public HookException(String message) {
        this(message, "", null);
    }

    public String outputTail() {
        return outputTail;
    }
}
