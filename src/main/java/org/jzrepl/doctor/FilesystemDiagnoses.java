package org.jzrepl.doctor;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.replication.plan.Conflict;
import org.jzrepl.replication.plan.Diverged;
import org.jzrepl.replication.plan.FilesystemPlan;
import org.jzrepl.replication.plan.InitialReplicationRefused;
import org.jzrepl.replication.plan.NoCommonAncestor;
import org.jzrepl.replication.plan.NoSenderSnapshots;
import org.jzrepl.replication.plan.Outcome;
import org.jzrepl.replication.plan.ResumeTokenMismatch;
import org.jzrepl.replication.plan.Step;
import org.jzrepl.zfs.DatasetPath;

/**
 * Pure diagnoses of one filesystem of a push or pull job, from the planner's decision over both
 * sides' listings (the same code a run plans with) and the job's config. Each returns one finding
 * whose sentence says why, and whose fix is the command to run.
 */
public final class FilesystemDiagnoses {

    private FilesystemDiagnoses() {
    }

    /**
     * What the planner decided for {@code p}.
     *
     * @param receiverCopy the receiver's dataset for a sender path, as the operator would type it
     *                     (pull: {@code root_fs/path}; push: with placeholders for the sink's root)
     * @param receiverSide where receiver commands run, e.g. {@code on this host}
     */
    public static Finding plan(String job, FilesystemPlan p, Function<DatasetPath, String> receiverCopy,
                               String receiverSide) {
        String fs = p.fs().name();
        Outcome o = p.outcome();
        if (o instanceof Outcome.UpToDate u) {
            return Finding.ok(fs, "replicating, up to date at " + u.newestCommon().relativeName());
        }
        if (o instanceof Outcome.Replicate r) {
            Step first = r.steps().get(0);
            Step last = r.steps().get(r.steps().size() - 1);
            int n = r.steps().size();
            return Finding.ok(fs, "replicating, " + n + (n == 1 ? " step" : " steps") + " behind (next: "
                    + first.describe().substring(fs.length() + 2) + (n > 1 ? ", up to " + last.to().relativeName() : "")
                    + "); the next run of job " + job + " sends " + (n == 1 ? "it" : "them"));
        }
        if (o instanceof Outcome.SenderPlaceholder) {
            return Finding.ok(fs, "a placeholder on the sender: nothing to replicate, its children are planned on their own");
        }
        return conflict(job, (Conflict) o, receiverCopy.apply(p.fs()), receiverSide);
    }

    private static Finding conflict(String job, Conflict c, String copy, String side) {
        String fs = c.fs().name();
        if (c instanceof Diverged d) {
            int n = d.receiverOnly().size();
            String common = d.commonOnReceiver().relativeName();
            return Finding.problem(fs, "not replicating: the receiver has diverged, it has " + n
                    + (n == 1 ? " snapshot" : " snapshots") + " newer than " + common
                    + " (the newest it shares with the sender) that the sender does not have; rolling back destroys "
                    + (n == 1 ? "it" : "them") + " and what was written after " + common,
                    "zfs rollback -r " + copy + common + "   (" + side + ")");
        }
        if (c instanceof NoCommonAncestor) {
            return Finding.problem(fs, "not replicating: no common snapshot, none of the receiver's snapshots has a"
                    + " guid the sender has (the copy was not received from this sender, or the sender destroyed"
                    + " every snapshot and bookmark they shared); rename or destroy the copy to start over",
                    "zfs rename " + copy + " " + copy + ".old   (" + side + ")");
        }
        if (c instanceof ResumeTokenMismatch m) {
            boolean vanished = m.reason() == ResumeTokenMismatch.Reason.TO_NOT_ON_SENDER
                    || m.reason() == ResumeTokenMismatch.Reason.FROM_NOT_ON_SENDER;
            return Finding.problem(fs, "not replicating: resume token stuck: "
                    + (vanished ? "the partial receive is for a snapshot the sender no longer has (" : "")
                    + c.summary().substring(fs.length() + 2) + (vanished ? ")" : "")
                    + "; aborting it loses the partial data, received snapshots are kept",
                    "zfs recv -A " + copy + "   (" + side + ")");
        }
        if (c instanceof NoSenderSnapshots) {
            return Finding.problem(fs, "not replicating: the sender has no snapshot of it yet",
                    "zfs snapshot " + fs + "@manual_1   (on the sender), or give job " + job
                            + " (or the source job) a snapshotting schedule");
        }
        if (c instanceof InitialReplicationRefused) {
            return Finding.problem(fs, "not replicating: the receiver has no copy and job " + job
                    + " has conflict_resolution.initial_replication: fail",
                    "set conflict_resolution: {initial_replication: most_recent} in job " + job);
        }
        throw new IllegalArgumentException("unknown conflict " + c.getClass().getSimpleName());
    }

    /**
     * {@code fs} was asked about but the sender does not offer it.
     *
     * @param localFilter the job's own filter when the sender is this host (push), empty for pull
     */
    public static Finding notOffered(String job, DatasetPath fs, Optional<FilesystemFilter> localFilter) {
        if (localFilter.isPresent()) {
            if (!localFilter.get().matches(fs)) {
                return Finding.problem(fs.name(), "not replicating: excluded by the filesystems filter of job " + job,
                        "add \"" + fs.name() + "\": true to filesystems of job " + job
                                + " (check: jzrepl test filesystems --job " + job + " --input " + fs.name() + ")");
            }
            return Finding.problem(fs.name(), "not replicating: the filter of job " + job
                    + " selects it but it does not exist on this host", "zfs list " + fs.name());
        }
        return Finding.problem(fs.name(), "not replicating: the source does not offer it (its filesystems filter"
                + " excludes it, or it does not exist there)",
                "on the source host: jzrepl test filesystems --job SOURCE_JOB --input " + fs.name());
    }

    /** A pull job's {@code root_fs} on this host. */
    public static Finding rootFs(DatasetPath root, boolean exists) {
        if (exists) {
            return Finding.ok("root_fs", root.name() + " exists");
        }
        return Finding.problem("root_fs", "nothing can be received: root_fs " + root.name()
                + " does not exist on this host", "zfs create -p " + root.name());
    }

    /** Listing a filesystem's versions failed (a call error: refused, zfs failed). */
    public static Finding listingFailed(DatasetPath fs, String error) {
        return Finding.problem(fs.name(), "not replicating: " + error, null);
    }

    /** The filesystems neither offered nor asked about, when the sender offers none. */
    public static List<Finding> nothingOffered(String job) {
        return List.of(Finding.problem("filesystems", "the sender offers no filesystem to job " + job,
                "check the filesystems filter of the sending job (jzrepl test filesystems --job JOB --all on its host)"));
    }
}
