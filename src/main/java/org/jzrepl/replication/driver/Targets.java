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
                byFs.putIfAbsent(fp.fs(), r.steps().get(r.steps().size() - 1).to());
            } else if (fp.outcome() instanceof Outcome.UpToDate u) {
                byFs.putIfAbsent(fp.fs(), u.newestCommon());
            }
        }
    }

    /**
     * The steps up to the filesystem's target (by the sender's createtxg); all of them when it has
     * none. Empty when the target was already reached.
     */
    List<Step> cap(DatasetPath fs, List<Step> steps) {
        FilesystemVersion target = byFs.get(fs);
        if (target == null) {
            return steps;
        }
        return steps.stream().takeWhile(s -> s.to().createTxg() <= target.createTxg()).toList();
    }
}
