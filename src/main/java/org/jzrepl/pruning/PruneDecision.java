package org.jzrepl.pruning;

import java.util.Objects;

/**
 * What the keep rules decide for one filesystem: a {@link PrunePlan}, or {@link Undecided} when
 * a rule cannot decide and the filesystem must not be pruned this time.
 */
public sealed interface PruneDecision permits PrunePlan, PruneDecision.Undecided {

    /** zrepl's wording when the filesystem has no replication cursor. */
    String NO_CURSOR = "replication cursor bookmark does not exist"
            + " (one successful replication is required before pruning works)";

    /** Keep rule number {@code rule} (from 1), of type {@code type}, cannot decide: prune nothing. */
    record Undecided(int rule, String type, String reason) implements PruneDecision {
        public Undecided {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
            if (rule < 1) {
                throw new IllegalArgumentException("rule numbers start at 1, got " + rule);
            }
        }

        @Override
        public String toString() {
            return "keep rule " + rule + " (" + type + ") cannot decide: " + reason;
        }
    }
}
