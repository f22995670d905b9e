package org.jzrepl.replication.report;

/** Where one step is. */
public enum StepState {
    PENDING,
    RUNNING,
    DONE,
    FAILED
}
