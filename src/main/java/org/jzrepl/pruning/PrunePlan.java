package org.jzrepl.pruning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jzrepl.util.LogText;

/**
 * The snapshots of one filesystem to {@code destroy} and, for every other one, which rules
 * {@code kept} it; both in input order. Built by {@link #destroyList}.
 */
public record PrunePlan(List<PruneCandidate> destroy, List<Kept> kept) implements PruneDecision {

    /** Why a snapshot stays: keep rule number {@code rule} (from 1) of {@code type}, with a detail. */
    public record KeepReason(int rule, String type, String detail) {
        public KeepReason {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return "rule " + rule + " (" + type + "): " + detail;
        }
    }

    /** A snapshot that stays, and every rule that keeps it; no reasons: there are no keep rules. */
    public record Kept(PruneCandidate snapshot, List<KeepReason> by) {
        public Kept {
            Objects.requireNonNull(snapshot, "snapshot");
            by = List.copyOf(by);
        }

        @Override
        public String toString() {
            return LogText.escape(snapshot.name(), 300) + " kept by " + (by.isEmpty() ? "default (no keep rules)" : by.toString());
        }
    }

    public PrunePlan {
        destroy = List.copyOf(destroy);
        kept = List.copyOf(kept);
    }

    /**
     * Applies {@code rules} to the snapshots of one filesystem: a snapshot is destroyed only if no
     * rule keeps it (the union of the rules' keeps stays); without rules nothing is destroyed. If
     * a rule cannot decide (no replication cursor), the answer is {@link PruneDecision.Undecided}.
     *
     * @throws IllegalArgumentException if {@code snapshots} cannot be one filesystem's (a name
     *         twice, two snapshots at the cursor, a cursor for some snapshots but not others)
     */
    public static PruneDecision destroyList(List<PruneCandidate> snapshots, List<Keep> rules) {
        PruneCandidate.checkOneFilesystem(snapshots);
        Map<PruneCandidate, List<KeepReason>> reasons = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Keep rule = rules.get(i);
            Optional<Map<PruneCandidate, String>> keeps = rule.keeps(snapshots);
            if (keeps.isEmpty()) {
                return new PruneDecision.Undecided(i + 1, rule.type(), NO_CURSOR);
            }
            for (Map.Entry<PruneCandidate, String> e : keeps.get().entrySet()) {
                reasons.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(new KeepReason(i + 1, rule.type(), e.getValue()));
            }
        }
        List<PruneCandidate> destroy = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        for (PruneCandidate c : snapshots) {
            List<KeepReason> by = reasons.get(c);
            if (by != null || rules.isEmpty()) {
                kept.add(new Kept(c, by == null ? List.of() : by));
            } else {
                destroy.add(c);
            }
        }
        return new PrunePlan(destroy, kept);
    }

    /** The names of {@link #destroy}, in order. */
    public List<String> destroyNames() {
        List<String> names = new ArrayList<>(destroy.size());
        for (PruneCandidate c : destroy) {
            names.add(c.name());
        }
        return names;
    }
}
