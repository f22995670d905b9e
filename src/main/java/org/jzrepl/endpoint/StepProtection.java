package org.jzrepl.endpoint;

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
 * The sender's side of a replication guarantee, for one job, or for one client of a source job
 * (then every name carries the client, see {@link AbstractionNames}: one client's completion never
 * touches another's cursors or step holds, nor the job-only names of before). Before a step:
 * <ul>
 *   <li>{@code guarantee_resumability}: hold {@code jzrepl_STEP_J_<job>} on {@code to} and on a
 *       snapshot {@code from}, so neither can be destroyed and an interrupted step can resume; one
 *       {@code zfs hold} for both, and when that finds a hold in place (a retried step) one
 *       {@code zfs hold} per snapshot that accepts an existing hold;</li>
 *   <li>{@code guarantee_incremental}: tentative cursor bookmarks on {@code to} and on a snapshot
 *       {@code from} (as zrepl does), created in parallel, so the next step can go incremental even
 *       if pruning destroys the snapshots; a bookmark {@code from} needs nothing, bookmarks are
 *       never pruned;</li>
 *   <li>{@code guarantee_nothing}: nothing.</li>
 * </ul>
 * After the receiver confirmed {@code to} (send completed), under every guarantee and in this
 * order: first the cursor bookmark moves to {@code to} ({@link #placeCursor}, while the sender
 * lists the dataset to check {@code to}), so it exists before any protection drops; then
 * ({@link #afterStep}), in parallel, this job's older cursors and its tentative cursors up to {@code to} are
 * destroyed, and its step holds on {@code from} and {@code to} released with one {@code zfs
 * release} (when that fails, as where a hold is missing, each snapshot is checked and released on
 * its own); also released, if there, are the step holds that earlier steps whose completion was lost
 * left between the obsolete cursor and {@code to} ({@link ObsoleteProtection}). All operations are idempotent: a repeated step or confirmation finds its holds and
 * bookmarks in place, or finds them gone.
 */
final class StepProtection {

    private final Zfs zfs;
    private final String job;
    private final String client;     // the client part of the names, null for job-only names

    StepProtection(Zfs zfs, String job) {
        this(zfs, job, null);
    }

    /** @param client the source job's client identity, or null for job-only names (push, snap) */
    StepProtection(Zfs zfs, String job, String client) {
        this.zfs = zfs;
        this.job = AbstractionNames.checkJob(job);
        this.client = client == null ? null : AbstractionNames.clientPart(job, client);
    }

    void beforeStep(ProtectionGuarantee g, DatasetPath fs, FilesystemVersion from, FilesystemVersion to)
            throws EndpointException {
        List<FilesystemVersion> protect = snapshots(from, to);
        try {
            switch (g) {
                case GUARANTEE_RESUMABILITY -> hold(fs, protect, AbstractionNames.stepHold(job, client));
                case GUARANTEE_INCREMENTAL -> tentativeCursors(fs, protect);
                case GUARANTEE_NOTHING -> { }
            }
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("protecting step " + fs + " " + (from == null ? "(full)" : from.relativeName())
                    + " -> " + to.relativeName() + " (" + g.name().toLowerCase() + ")", e);
        }
    }

    /**
     * Drops the step's protection once {@link #placeCursor} moved the cursor to {@code to}; {@code ds}
     * lists the versions.
     */
    void afterStep(DatasetInfo ds, FilesystemVersion from, FilesystemVersion to) throws EndpointException {
        DatasetPath fs = ds.path();
        List<String> obsolete = ObsoleteProtection.bookmarks(ds, to, job, client);
        try {
            List<FilesystemVersion> held = snapshots(from, to);
            List<FilesystemVersion> leftovers = ObsoleteProtection.leftovers(ds, obsolete, from, held, to);
            String tag = AbstractionNames.stepHold(job, client);
            if (obsolete.isEmpty()) {
                release(fs, held, tag);
            } else {
                Parallel.run("jzrepl-release " + fs, () -> {
                    release(fs, held, tag);
                    for (FilesystemVersion v : leftovers) {
                        releaseIfHeld(fs, v, tag);
                    }
                }, () -> {
                    for (String b : obsolete) {
                        destroyBookmark(fs, b);
                    }
                });
            }
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("moving the replication cursor of " + fs + " to " + to.relativeName(), e);
        }
    }

    /**
     * Bookmarks snapshot {@code to} as this job's cursor, named by the guid the caller expects;
     * the first half of completing a step, before {@link #afterStep}. Returns whether the bookmark
     * was created now (false: it existed, from a repeated confirmation).
     */
    boolean placeCursor(DatasetPath fs, FilesystemVersion to) throws ZfsException {
        return bookmark(fs, to, AbstractionNames.cursor(to.guid(), job, client));
    }

    /** Destroys a cursor {@link #placeCursor} created on a snapshot that turned out to be another version. */
    void withdrawCursor(DatasetPath fs, FilesystemVersion expected) throws ZfsException {
        destroyBookmark(fs, AbstractionNames.cursor(expected.guid(), job, client));
    }

    /** {@code to}, preceded by {@code from} when that is a snapshot. */
    private static List<FilesystemVersion> snapshots(FilesystemVersion from, FilesystemVersion to) {
        return from != null && from.isSnapshot() ? List.of(from, to) : List.of(to);
    }

    private static List<String> names(List<FilesystemVersion> snapshots) {
        return snapshots.stream().map(FilesystemVersion::name).toList();
    }

    /** One command for all; when a hold exists already (a retried step), one per snapshot. */
    private void hold(DatasetPath fs, List<FilesystemVersion> snaps, String tag) throws ZfsException {
        try {
            zfs.hold(fs, names(snaps), tag);
        } catch (DatasetExistsException retried) {
            for (FilesystemVersion v : snaps) {
                try {
                    zfs.hold(fs, v.name(), tag);
                } catch (DatasetExistsException alreadyHeld) {
                    // the hold is there
                }
            }
        }
    }

    /** One command for all; when that fails (a hold missing), each snapshot checked on its own. */
    private void release(DatasetPath fs, List<FilesystemVersion> snaps, String tag) throws ZfsException {
        try {
            zfs.release(fs, names(snaps), tag);
        } catch (ZfsException e) {
            for (FilesystemVersion v : snaps) {
                releaseIfHeld(fs, v, tag);
            }
        }
    }

    private void releaseIfHeld(DatasetPath fs, FilesystemVersion snap, String tag) throws ZfsException {
        try {
            if (zfs.holds(fs, snap.name()).contains(tag)) {
                zfs.release(fs, snap.name(), tag);
            }
        } catch (DatasetNotFoundException gone) {
            // destroyed meanwhile (only possible without a step hold)
        }
    }

    /** A tentative cursor on each of the one or two versions; on two in parallel. */
    private void tentativeCursors(DatasetPath fs, List<FilesystemVersion> versions) throws ZfsException {
        FilesystemVersion last = versions.get(versions.size() - 1);
        if (versions.size() == 1) {
            tentativeCursor(fs, last);
        } else {
            Parallel.run("jzrepl-bookmark " + fs, () -> tentativeCursor(fs, versions.get(0)),
                    () -> tentativeCursor(fs, last));
        }
    }

    private void tentativeCursor(DatasetPath fs, FilesystemVersion v) throws ZfsException {
        bookmark(fs, v, AbstractionNames.tentativeCursor(v.guid(), job, client));
    }

    /** Bookmarks {@code v} as {@code name}; false when that bookmark existed already. */
    private boolean bookmark(DatasetPath fs, FilesystemVersion v, String name) throws ZfsException {
        try {
            zfs.bookmark(fs, v.ref(), name);
            return true;
        } catch (DatasetExistsException exists) {
            return false; // the name carries the guid: an existing bookmark of that name marks the same version
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
