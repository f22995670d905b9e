package org.jzrepl.util.log;

import java.time.Instant;
import org.slf4j.Marker;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An slf4j logger that hands entries, with the thread's {@link LogContext}, to {@link Logging}. */
final class JzreplLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final String subsystem;

    JzreplLogger(String name) {
        this.name = name;
        this.subsystem = subsystemOf(name);
    }

    /** {@code org.jzrepl.X...} -> X; MINA SSHD -> ssh; another library's logger -> its simple name. */
    static String subsystemOf(String logger) {
        if (logger.startsWith("org.jzrepl.")) {
            String rest = logger.substring("org.jzrepl.".length());
            int dot = rest.indexOf('.');
            return dot < 0 ? rest : rest.substring(0, dot);
        }
        if (logger.startsWith("org.apache.sshd")) {
            return "ssh";
        }
        return logger.substring(logger.lastIndexOf('.') + 1);
    }

    @Override
    public boolean isTraceEnabled() {
        return Logging.enabled(name, LogEntry.Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return Logging.enabled(name, LogEntry.Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return Logging.enabled(name, LogEntry.Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return Logging.enabled(name, LogEntry.Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return Logging.enabled(name, LogEntry.Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                               Throwable thrown) {
        String message = args == null || args.length == 0 ? String.valueOf(pattern)
                : MessageFormatter.basicArrayFormat(pattern, args);
        String sub = MDC.get(LogContext.SUBSYSTEM);
        Logging.dispatch(new LogEntry(Instant.now(), LogEntry.Level.valueOf(level.name()), name, message, thrown,
                MDC.get(LogContext.JOB), sub != null ? sub : subsystem, MDC.get(LogContext.SPAN),
                MDC.get(LogContext.FILESYSTEM)));
    }
}
