package org.jzrepl.endpoint;

import java.util.ArrayList;
import java.util.List;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.zfs.DatasetExistsException;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * The sender's side of a replication guarantee, for one job. Before a step:
 * <ul>
 *   <li>{@code guarantee_resumability}: hold {@code jzrepl_STEP_J_<job>} on {@code to} and on a
 *       snapshot {@code from}, so neither can be destroyed and an interrupted step can resume;</li>
 *   <li>{@code guarantee_incremental}: tentative cursor bookmarks on {@code to} and on a snapshot
 *       {@code from} (as zrepl does), so the next step can go incremental even if pruning destroys
 *       the snapshots; a bookmark {@code from} needs nothing, bookmarks are never pruned;</li>
 *   <li>{@code guarantee_nothing}: nothing.</li>
 * </ul>
 * After the receiver confirmed {@code to} (send completed), under every guarantee: the cursor
 * bookmark moves to {@code to}, this job's older cursors and its tentative cursors up to {@code to}
 * are destroyed, and its step holds on {@code from} and {@code to} released. All operations are
 * idempotent: a repeated step or confirmation finds its holds and bookmarks in place.
 */
final class StepProtection {

    private final Zfs zfs;
    private final String job;

    StepProtection(Zfs zfs, String job) {
        this.zfs = zfs;
        this.job = AbstractionNames.checkJob(job);
    }

    void beforeStep(ProtectionGuarantee g, DatasetPath fs, FilesystemVersion from, FilesystemVersion to)
            throws EndpointException {
        List<FilesystemVersion> protect = new ArrayList<>();
        if (from != null && from.isSnapshot()) {
            protect.add(from);
        }
        protect.add(to);
        try {
            for (FilesystemVersion v : protect) {
                switch (g) {
                    case GUARANTEE_RESUMABILITY -> hold(fs, v, AbstractionNames.stepHold(job));
                    case GUARANTEE_INCREMENTAL -> bookmark(fs, v, AbstractionNames.tentativeCursor(v.guid(), job));
                    case GUARANTEE_NOTHING -> { }
                }
            }
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("protecting step " + fs + " " + (from == null ? "(full)" : from.relativeName())
                    + " -> " + to.relativeName() + " (" + g.name().toLowerCase() + ")", e);
        }
    }

    /** Moves the cursor to {@code to} and drops the step's protection; {@code ds} lists the versions. */
    void afterStep(DatasetInfo ds, FilesystemVersion from, FilesystemVersion to) throws EndpointException {
        DatasetPath fs = ds.path();
        String cursor = AbstractionNames.cursor(to.guid(), job);
        try {
            bookmark(fs, to, cursor);
            for (FilesystemVersion b : ds.bookmarks()) {
                var parsed = AbstractionNames.parseBookmark(b.name());
                if (parsed.isEmpty() || parsed.get().foreign() || !parsed.get().job().equals(job)) {
                    continue;
                }
                boolean obsolete = switch (parsed.get().type()) {
                    case CURSOR -> b.createTxg() < to.createTxg();
                    case TENTATIVE_CURSOR -> b.createTxg() <= to.createTxg();
                    default -> false;
                };
                if (obsolete) {
                    destroyBookmark(fs, b.name());
                }
            }
            String tag = AbstractionNames.stepHold(job);
            if (from != null && from.isSnapshot()) {
                release(fs, from, tag);
            }
            release(fs, to, tag);
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("moving the replication cursor of " + fs + " to " + to.relativeName(), e);
        }
    }

    private void hold(DatasetPath fs, FilesystemVersion snap, String tag) throws ZfsException {
        try {
            zfs.hold(fs, snap.name(), tag);
        } catch (DatasetExistsException alreadyHeld) {
            // a retried step: the hold is there
        }
    }

    private void release(DatasetPath fs, FilesystemVersion snap, String tag) throws ZfsException {
        try {
            if (zfs.holds(fs, snap.name()).contains(tag)) {
                zfs.release(fs, snap.name(), tag);
            }
        } catch (DatasetNotFoundException gone) {
            // destroyed meanwhile (only possible without a step hold)
        }
    }

    private void bookmark(DatasetPath fs, FilesystemVersion v, String name) throws ZfsException {
        try {
            zfs.bookmark(fs, v.ref(), name);
        } catch (DatasetExistsException exists) {
            // the name carries the guid: an existing bookmark of that name marks the same version
        }
    }

    private void destroyBookmark(DatasetPath fs, String name) throws ZfsException {
        try {
            zfs.destroyBookmark(fs, name);
        } catch (DatasetNotFoundException gone) {
            // destroyed meanwhile
        }
    }
}
