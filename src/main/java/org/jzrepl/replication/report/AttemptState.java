package org.jzrepl.replication.report;

/** Where one replication attempt is. */
public enum AttemptState {
    /** Listing both sides and planning. */
    PLANNING,
    /** Planning as a whole failed (a listing was refused, a side lists a filesystem twice); no retry. */
    PLANNING_ERROR,
    /** Running steps. */
    STEPPING,
    /** The connection failed; waiting to reconnect, then a new attempt re-plans. */
    RETRY_WAIT,
    /** Every filesystem is replicated or up to date. */
    DONE,
    /** Ended with at least one filesystem in error, or without connectivity after the last attempt. */
    FAILED,
    /** Stopped by {@code signal reset} (or the daemon shutting down). */
    CANCELLED;

    /** True when the attempt series will not go on from this state. */
    public boolean terminal() {
        return this == PLANNING_ERROR || this == DONE || this == FAILED || this == CANCELLED;
    }
}
