package org.jzrepl.util.log;

import org.slf4j.MDC;

/**
 * The fields a thread's log lines carry, kept in slf4j's MDC (inherited by threads it starts):
 * set them where work for a job or a filesystem begins, and restore them where it ends.
 */
public final class LogContext {
    public static final String JOB = "job";
    public static final String SUBSYSTEM = "subsystem";
    public static final String SPAN = "span";
    public static final String FILESYSTEM = "filesystem";

    private LogContext() {
    }

    /**
     * Sets {@code key} to {@code value} (null removes it) until the returned scope is closed,
     * which restores the previous value.
     */
    public static Scope with(String key, String value) {
        String before = MDC.get(key);
        put(key, value);
        return () -> put(key, before);
    }

    /** The job of the current thread, or null. */
    public static String job() {
        return MDC.get(JOB);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Restores the field on close; never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
