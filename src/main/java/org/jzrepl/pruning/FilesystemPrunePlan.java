package org.jzrepl.pruning;

import java.util.List;
import java.util.Objects;

/**
 * What pruning does to one filesystem: the snapshots to {@code destroy}, every snapshot that stays
 * with the rules that keep it and the protection that guards it, and among those the ones only
 * protection keeps (the rules would destroy them). {@code skipped} non-null: nothing is destroyed,
 * and it says why (a placeholder, no sender counterpart, no replication cursor yet). Immutable;
 * the same value is the dry run's answer and what the pruner executes. Jackson-serialisable.
 */
public record FilesystemPrunePlan(String filesystem, List<String> destroy, List<KeptSnapshot> kept,
                                  List<ProtectedSnapshot> protectedSnapshots, String skipped) {

    /**
     * A snapshot that stays.
     *
     * @param rules      the keep rules that keep it ("rule 1 (last_n): newest #1 of 3"); empty when
     *                   only protection keeps it, or when there are no keep rules ({@code "no keep
     *                   rules: everything is kept"})
     * @param protection why it must stay whatever the rules say; empty when not protected
     */
    public record KeptSnapshot(String snapshot, List<String> rules, List<String> protection) {
        public KeptSnapshot {
            Objects.requireNonNull(snapshot, "snapshot");
            rules = List.copyOf(rules);
            protection = List.copyOf(protection);
        }
    }

    /** A snapshot the rules would destroy that protection keeps, and why. */
    public record ProtectedSnapshot(String snapshot, List<String> reasons) {
        public ProtectedSnapshot {
            Objects.requireNonNull(snapshot, "snapshot");
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a protected snapshot needs a reason");
            }
        }
    }

    public FilesystemPrunePlan {
        Objects.requireNonNull(filesystem, "filesystem");
        destroy = List.copyOf(destroy);
        kept = List.copyOf(kept);
        protectedSnapshots = List.copyOf(protectedSnapshots);
        if (skipped != null && !destroy.isEmpty()) {
            throw new IllegalArgumentException("a skipped filesystem destroys nothing");
        }
    }

    /** Nothing is destroyed on {@code filesystem}, for {@code reason}. */
    public static FilesystemPrunePlan skipped(String filesystem, String reason) {
        return new FilesystemPrunePlan(filesystem, List.of(), List.of(), List.of(), Objects.requireNonNull(reason));
    }

    /** Not a JSON property: Jackson would let it overwrite the {@code skipped} reason with a boolean. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isSkipped() {
        return skipped != null;
    }
}
