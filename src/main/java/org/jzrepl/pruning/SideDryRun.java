package org.jzrepl.pruning;

import java.util.List;
import java.util.Objects;

/**
 * One side's answer to {@code jzrepl prune --dry-run}: the plan {@link Pruner#dryRun} computes
 * for each filesystem (the one the pruner would execute now), or why the side could not be
 * planned. Immutable, Jackson-serialisable.
 *
 * @param side        which side
 * @param filesystems one plan per filesystem, in listing order
 * @param error       why the side could not be listed or planned (already escaped), or null
 */
public record SideDryRun(PruneReport.Side side, List<FilesystemPrunePlan> filesystems, String error) {

    public SideDryRun {
        Objects.requireNonNull(side, "side");
        filesystems = List.copyOf(filesystems);
    }

    /** Plans the side with {@code pruner}, keeping only {@code filesystem} when it is not null. */
    public static SideDryRun of(PruneReport.Side side, Pruner pruner, String filesystem) {
        try {
            List<FilesystemPrunePlan> plans = pruner.dryRun();
            if (filesystem != null) {
                plans = plans.stream().filter(p -> p.filesystem().equals(filesystem)).toList();
            }
            return new SideDryRun(side, plans, null);
        } catch (java.io.IOException | RuntimeException e) {
            return new SideDryRun(side, List.of(), Pruner.describe(e));
        }
    }
}
