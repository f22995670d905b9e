package org.jzrepl.pruning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code not_replicated} (sender side only): keeps every snapshot some receiver does not have yet,
 * i.e. newer than the replication cursor (with several clients, the cursor of the one furthest
 * behind: {@link FilesystemPlanner} places the candidates by it), and with {@code keep_snapshot_at_cursor} (default true)
 * the one at the cursor too. Cannot decide for a filesystem without a cursor: zrepl then refuses
 * to prune it ("one successful replication is required before pruning works").
 *
 * <p>zrepl folds {@code keep_snapshot_at_cursor: false} of any {@code not_replicated} rule of a
 * job into the snapshots' replicated flag, so it applies to all such rules; here each rule has
 * its own setting, which only differs when one job lists two {@code not_replicated} rules with
 * different settings (and then keeps more).
 */
public final class KeepNotReplicated implements Keep {
    private final boolean keepSnapshotAtCursor;

    public KeepNotReplicated(boolean keepSnapshotAtCursor) {
        this.keepSnapshotAtCursor = keepSnapshotAtCursor;
    }

    @Override
    public String type() {
        return "not_replicated";
    }

    @Override
    public Optional<Map<PruneCandidate, String>> keeps(List<PruneCandidate> snapshots) {
        Map<PruneCandidate, String> kept = new LinkedHashMap<>();
        for (PruneCandidate c : snapshots) {
            if (c.cursor() == CursorPosition.NO_CURSOR) {
                return Optional.empty();
            }
            if (!c.cursor().replicated(!keepSnapshotAtCursor)) {
                kept.put(c, c.cursor() == CursorPosition.AT ? "at the replication cursor" : "not replicated yet");
            }
        }
        return Optional.of(kept);
    }

    @Override
    public String toString() {
        return "not_replicated" + (keepSnapshotAtCursor ? "" : " (snapshot at cursor counts as replicated)");
    }
}
