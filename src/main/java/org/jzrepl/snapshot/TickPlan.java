package org.jzrepl.snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jzrepl.snapshot.hook.HookSequence;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.SnapshotBatches;

/**
 * What one tick does, decided before anything runs ({@link TickPlanner}): the selected
 * filesystems in name order, the one snapshot name they all get, and each one's hooks. Grouped by
 * pool, a tick takes one {@code zfs snapshot} per pool (more only when a pool's names do not fit
 * one command line, see {@link SnapshotBatches}). Immutable.
 *
 * @param at           the "now" the tick was planned for; the name is made from it
 * @param snapshotName the short snapshot name, the same for every filesystem
 * @param targets      the selected filesystems, sorted by name, each once
 */
public record TickPlan(Instant at, String snapshotName, List<Target> targets) {

    /** One filesystem of the tick and the hooks whose filter selects it, in config order. */
    public record Target(DatasetPath fs, HookSequence hooks) {
        public Target {
            Objects.requireNonNull(fs, "fs");
            Objects.requireNonNull(hooks, "hooks");
        }
    }

    public TickPlan {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(snapshotName, "snapshotName");
        targets = List.copyOf(targets);
    }

    /** The targets by pool, pools in name order, each pool's targets in plan order. */
    public Map<String, List<Target>> byPool() {
        Map<String, List<Target>> out = new LinkedHashMap<>();
        targets.stream().map(t -> t.fs().pool()).sorted().distinct().forEach(p -> out.put(p, new ArrayList<>()));
        for (Target t : targets) {
            out.get(t.fs().pool()).add(t);
        }
        out.replaceAll((p, l) -> List.copyOf(l));
        return out;
    }

    /** What the tick would do, without doing it: for {@code jzrepl test snapshot}. */
    public TickPreview preview() {
        List<TickPreview.PoolPreview> pools = new ArrayList<>();
        byPool().forEach((pool, ts) -> {
            List<DatasetPath> fss = ts.stream().map(Target::fs).toList();
            pools.add(new TickPreview.PoolPreview(pool, SnapshotBatches.split(fss, snapshotName,
                    SnapshotBatches.MAX_BYTES).size(), ts.stream().map(t -> new TickPreview.FilesystemPreview(
                    t.fs().name(), t.hooks().hooks().stream().map(h -> h.describe()).toList())).toList()));
        });
        return new TickPreview(at.toString(), snapshotName, pools);
    }
}
