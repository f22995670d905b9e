package org.jzrepl.daemon.control;

import java.util.Locale;

/** What {@code jzrepl signal OP JOB} asks of a job. */
public enum SignalOp {
    /** Run now instead of waiting for the next interval. */
    WAKEUP,
    /** Abort the current run, if any. */
    RESET;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SignalOp parse(String s) {
        for (SignalOp op : values()) {
            if (op.wireName().equals(s)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown signal '" + s + "' (allowed: wakeup, reset)");
    }
}
