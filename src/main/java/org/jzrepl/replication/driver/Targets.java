package org.jzrepl.replication.driver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jzrepl.replication.plan.FilesystemPlan;
import org.jzrepl.replication.plan.Outcome;
import org.jzrepl.replication.plan.Plan;
import org.jzrepl.replication.plan.Step;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;

/**
 * What a run replicates up to, per filesystem: the first plan that covered it fixes its target
 * (the last step's {@code to}, or the newest common version when it was up to date). A re-plan after
 * a reconnect never goes past it, so snapshots taken meanwhile wait for the next run, as in zrepl.
 * Thread-confined to the driver's run thread.
 */
final class Targets {

    private final Map<DatasetPath, FilesystemVersion> byFs = new HashMap<>();

    /** Records the targets of filesystems seen for the first time. */
    void record(Plan plan) {
        for (FilesystemPlan fp : plan.filesystems()) {
            if (fp.outcome() instanceof Outcome.Replicate r) {
                fix(fp.fs(), r.steps().get(r.steps().size() - 1).to());
            } else if (fp.outcome() instanceof Outcome.UpToDate u) {
                fix(fp.fs(), u.newestCommon());
            }
        }
    }

    /** Fixes {@code target} for {@code fs} unless it has one. */
    void fix(DatasetPath fs, FilesystemVersion target) {
        byFs.putIfAbsent(fs, target);
    }

    /**
     * The steps that start before the filesystem's target (by the sender's createtxg): all of them
     * when it has none; empty when the receiver has the target already. A step that starts before
     * the target but ends past it stays: a full send of the newest snapshot (initial replication
     * {@code most_recent}) after a snapshot was taken meanwhile is such a step, and dropping it
     * would call a filesystem up to date that the receiver does not have at all.
     */
    List<Step> cap(DatasetPath fs, List<Step> steps) {
        FilesystemVersion target = byFs.get(fs);
        if (target == null) {
            return steps;
        }
        return steps.stream().takeWhile(s -> s.from().map(f -> f.createTxg() < target.createTxg()).orElse(true))
                .toList();
    }
}
