package org.jzrepl.job;

import java.util.Objects;

/**
 * One phase of a job's run, for status: replication, pruning of the sender, pruning of the
 * receiver (a snap job only prunes). {@code note} says why a phase failed, or that a side without keep rules was left alone.
 */
public record PhaseReport(Phase phase, PhaseState state, String startedAt, String finishedAt, String note) {

    /** The phases of a run, in the order they run. */
    public enum Phase { REPLICATION, PRUNING_SENDER, PRUNING_RECEIVER, PRUNING }

    public enum PhaseState { PENDING, RUNNING, DONE, FAILED }

    public PhaseReport {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(state, "state");
    }

    PhaseReport running(String at) {
        return new PhaseReport(phase, PhaseState.RUNNING, at, null, note);
    }

    PhaseReport ended(PhaseState s, String at, String why) {
        return new PhaseReport(phase, s, startedAt, at, why);
    }
}
