package org.jzrepl.util.log;

/**
 * Where log entries go: one configured outlet with its level and format. {@link #write} is called
 * from any logging thread, concurrently; it must not throw and must not block for long.
 */
public interface LogOutlet extends AutoCloseable {

    /** The least severe level this outlet takes. */
    LogEntry.Level level();

    void write(LogEntry e);

    /** Releases what the outlet holds; entries after it are dropped. */
    @Override
    default void close() {
    }
}
