package org.jzrepl.pruning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jzrepl.pruning.FilesystemPrunePlan.KeptSnapshot;
import org.jzrepl.pruning.FilesystemPrunePlan.ProtectedSnapshot;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;

/**
 * Plans one filesystem, purely: the keep rules' union ({@link PrunePlan#destroyList}), then
 * {@link Protection} takes back every protected snapshot. A rule that cannot decide (no cursor for
 * {@code not_replicated}) skips the filesystem, as zrepl does.
 */
public final class FilesystemPlanner {

    /** Why a filesystem without a replication cursor is not pruned under {@code not_replicated}. */
    public static final String REPLICATE_FIRST = "replicate once before pruning: ";

    private FilesystemPlanner() {
    }

    /**
     * @param target        the versions of the filesystem on the side being pruned
     * @param clientCursors the guids of the replication cursors of every client of the sender
     *                      (for {@code not_replicated}; empty: none yet)
     * @param cursorSide    versions of the sender, where the cursors' createtxgs are read
     * @param protection    snapshot name → reasons, from {@link Protection}
     */
    public static FilesystemPrunePlan plan(String filesystem, List<FilesystemVersion> target, List<Guid> clientCursors,
                                           List<FilesystemVersion> cursorSide, List<Keep> rules,
                                           Map<String, List<String>> protection) {
        List<PruneCandidate> candidates = Candidates.of(target, oldest(clientCursors, cursorSide));
        PruneDecision d = PrunePlan.destroyList(candidates, rules);
        if (d instanceof PruneDecision.Undecided u) {
            return FilesystemPrunePlan.skipped(filesystem, REPLICATE_FIRST + u);
        }
        PrunePlan p = (PrunePlan) d;
        List<String> destroy = new ArrayList<>();
        List<KeptSnapshot> kept = new ArrayList<>();
        List<ProtectedSnapshot> rescued = new ArrayList<>();
        for (PruneCandidate c : p.destroy()) {
            List<String> why = protection.get(c.name());
            if (why == null || why.isEmpty()) {
                destroy.add(c.name());
            } else {
                rescued.add(new ProtectedSnapshot(c.name(), why));
            }
        }
        Map<String, PrunePlan.Kept> keptByName = new HashMap<>();
        for (PrunePlan.Kept k : p.kept()) {
            keptByName.put(k.snapshot().name(), k);
        }
        for (PruneCandidate c : candidates) {
            List<String> why = protection.getOrDefault(c.name(), List.of());
            PrunePlan.Kept byRules = keptByName.get(c.name());
            if (byRules != null) {
                List<String> ruleText = byRules.by().isEmpty() ? List.of("no keep rules: everything is kept")
                        : byRules.by().stream().map(PrunePlan.KeepReason::toString).toList();
                kept.add(new KeptSnapshot(c.name(), ruleText, why));
            } else if (!why.isEmpty()) {
                kept.add(new KeptSnapshot(c.name(), List.of(), why));
            }
        }
        return new FilesystemPrunePlan(filesystem, destroy, kept, rescued, null);
    }

    /**
     * The cursor of the client that is furthest behind: a snapshot is replicated only when every
     * client's cursor is at or past it. A cursor whose guid {@code cursorSide} does not have
     * cannot be placed, so it is the one taken (and then nothing counts as replicated).
     */
    static Optional<Guid> oldest(List<Guid> cursors, List<FilesystemVersion> cursorSide) {
        Guid oldest = null;
        long oldestTxg = Long.MAX_VALUE;
        for (Guid g : cursors) {
            long txg = cursorSide.stream().filter(v -> v.guid().equals(g)).mapToLong(FilesystemVersion::createTxg)
                    .min().orElse(-1);
            if (txg < oldestTxg) {
                oldest = g;
                oldestTxg = txg;
            }
        }
        return Optional.ofNullable(oldest);
    }
}
