package org.jzrepl.replication.report;

/** Where one filesystem of an attempt is. */
public enum FilesystemState {
    /** Planned, waiting for a free step slot. */
    PENDING,
    /** Waiting until its parent filesystem exists on the receiver (the parent's first step). */
    BLOCKED,
    /** One of its steps is running. */
    STEPPING,
    /** All planned steps are done. */
    DONE,
    /** The receiver already had the sender's newest snapshot. */
    UP_TO_DATE,
    /** Nothing to send: the sender's dataset is a placeholder. */
    SKIPPED,
    /** Listing failed for it, or the planner found a conflict; the error says which. */
    PLANNING_ERROR,
    /** A step failed (or its parent failed before it could start); later steps were not run. */
    STEP_ERROR;

    /** True when nothing more happens to the filesystem in this attempt. */
    public boolean finished() {
        return this == DONE || this == UP_TO_DATE || this == SKIPPED || this == PLANNING_ERROR || this == STEP_ERROR;
    }

    /** True for the two error states. */
    public boolean failed() {
        return this == PLANNING_ERROR || this == STEP_ERROR;
    }
}
