package org.jzrepl.runtime;

/** A handle on one submitted or scheduled task. Thread-safe. */
public interface Task {

    /** The name given at submission, e.g. {@code job push1 snapshot tick}. */
    String name();

    /** Stops the task from starting; a running task is interrupted. Idempotent. */
    void cancel();

    /** Whether it ran to its end, threw, or was cancelled. */
    boolean done();
}
