package org.jzrepl.util.log;

import java.time.Instant;
import java.util.Objects;

/**
 * One log line before formatting. The context fields are null when absent.
 *
 * @param time       when it was logged
 * @param level      its level
 * @param logger     the logger's name (a class name for jzrepl's own)
 * @param message    the message with its arguments filled in
 * @param thrown     the exception logged with it, or null
 * @param job        the job the logging thread works for ({@link LogContext#JOB})
 * @param subsystem  the part of jzrepl that logged it ({@link LogContext#SUBSYSTEM}, else from the logger name)
 * @param span       the span the thread is in ({@link LogContext#SPAN})
 * @param filesystem the filesystem the thread works on ({@link LogContext#FILESYSTEM})
 */
public record LogEntry(Instant time, Level level, String logger, String message, Throwable thrown, String job,
                       String subsystem, String span, String filesystem) {

    /** Levels, least severe first; zrepl's names in lower case. */
    public enum Level { TRACE, DEBUG, INFO, WARN, ERROR }

    public LogEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(message, "message");
    }
}
