package org.jzrepl.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.zfs.DatasetExistsException;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.Property;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * The receiver's post-receive steps: check that the snapshot that arrived is the one the sender
 * announced (by guid), and move the job's {@code jzrepl_last_received_J_<job>} hold onto it, so
 * pruning on the receiver can never destroy the base of the next incremental step. The check
 * ({@code zfs get}) and the new hold run in parallel; when the check fails, a hold this call
 * placed is released again (one that was there before, from an earlier confirmation, stays) and
 * the check's error is thrown. Only after both succeeded is the hold released from the previously
 * newest snapshots (the newest is where the last receive put it; a few before it cover a daemon
 * that died between a receive and its hold), with a plain {@code zfs release} that accepts a
 * missing tag or snapshot; older leftovers are released when pruning wants their snapshot gone
 * ({@link StaleHoldRepair}), or found by {@link Abstractions} ({@code release-stale}) and
 * {@code jzrepl doctor}.
 */
final class LastReceivedHold {

    /** How many snapshots before the received one a receive releases the hold from. */
    static final int RELEASE_WINDOW = 4;

    private final Zfs zfs;
    private final String tag;

    LastReceivedHold(Zfs zfs, String job) {
        this.zfs = zfs;
        this.tag = AbstractionNames.lastReceivedHold(job);
    }

    /** The received snapshot, after checking it is the one the sender announced. */
    FilesystemVersion verify(DatasetPath fs, Version expected) throws EndpointException {
        String full = fs.name() + "@" + expected.name();
        try {
            Map<String, Property> props = zfs.get(full, List.of("guid", "createtxg"));
            Property p = props.get("guid");
            Property txg = props.get("createtxg");
            if (p == null || txg == null) {
                throw new EndpointException(EndpointException.ZFS_FAILED, "zfs get gave no guid/createtxg for " + full);
            }
            Guid got = Guid.parse(p.value());
            if (!got.decimal().equals(expected.guid())) {
                throw new EndpointException(EndpointException.VERSION_MISMATCH, "received " + full + " has guid "
                        + got + ", the sender announced " + expected.guid());
            }
            return new FilesystemVersion(expected.type(), expected.name(), got, Long.parseLong(txg.value()),
                    expected.toVersion().creation());
        } catch (DatasetNotFoundException e) {
            throw new EndpointException(EndpointException.VERSION_MISMATCH, "zfs recv succeeded but " + full
                    + " does not exist: the stream carried another snapshot");
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("checking received " + full, e);
        }
    }

    /**
     * {@link #verify}, and moves the hold onto the received snapshot from the newest few of the
     * {@code previous} snapshots (see {@link #releasePrior}).
     */
    FilesystemVersion verifyAndMove(DatasetPath fs, Version expected, List<FilesystemVersion> previous)
            throws EndpointException {
        boolean[] placed = new boolean[1];          // written on the hold's thread, read after it ended
        FilesystemVersion received;
        try {
            received = Parallel.call("jzrepl-hold " + fs, () -> verify(fs, expected),
                    () -> placed[0] = hold(fs, expected.name()));
        } catch (EndpointException e) {
            if (placed[0]) {
                undoHold(fs, expected.name(), e);
            }
            throw e;
        }
        releasePrior(fs, previous, received);
        return received;
    }

    /**
     * After a stream that broke: zfs may have had all of it (the cut came after the stream's end
     * record, before the RPC's end of stream), and then the snapshot is there, whole, and must get
     * the hold a clean receive would have given it, or the prior snapshot keeps the hold for ever
     * and pruning can never destroy it. When the snapshot is there with the announced guid, the
     * hold moves as in {@link #verifyAndMove}; false when it is absent or another one.
     */
    boolean moveIfArrived(DatasetPath fs, Version expected, List<FilesystemVersion> previous)
            throws EndpointException {
        FilesystemVersion received;
        try {
            received = verify(fs, expected);
        } catch (EndpointException e) {
            if (EndpointException.VERSION_MISMATCH.equals(e.code())) {
                return false;
            }
            throw e;
        }
        hold(fs, expected.name());
        releasePrior(fs, previous, received);
        return true;
    }

    /**
     * Releases the hold, with one command, from the newest {@link #RELEASE_WINDOW} of
     * {@code previous} (oldest first): the newest is where the last receive put it, the others
     * where a daemon that died between a receive and its hold left it. zfs releases each snapshot
     * on its own, so the ones without the tag fail alone, at no transaction group's cost.
     */
    private void releasePrior(DatasetPath fs, List<FilesystemVersion> previous, FilesystemVersion received)
            throws EndpointException {
        List<String> older = new ArrayList<>();
        for (int i = previous.size() - 1; i >= 0 && older.size() < RELEASE_WINDOW; i--) {
            FilesystemVersion v = previous.get(i);
            if (v.isSnapshot() && !v.guid().equals(received.guid())) {
                older.add(v.name());
            }
        }
        if (!older.isEmpty()) {
            release(fs, older, received);
        }
    }

    /** Holds {@code fs@snapshot}; false when the hold was there already (a repeated confirmation). */
    private boolean hold(DatasetPath fs, String snapshot) throws EndpointException {
        try {
            zfs.hold(fs, snapshot, tag);
            return true;
        } catch (DatasetExistsException alreadyHeld) {
            return false;
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("moving hold " + tag + " to " + fs.name() + "@" + snapshot, e);
        }
    }

    /** Releases the hold just placed on a snapshot that failed its check; a failure joins {@code why}. */
    private void undoHold(DatasetPath fs, String snapshot, EndpointException why) {
        try {
            zfs.release(fs, snapshot, tag);
        } catch (DatasetNotFoundException gone) {
            // nothing left to release
        } catch (ZfsException e) {
            why.addSuppressed(e);
        }
    }

    private void release(DatasetPath fs, List<String> older, FilesystemVersion received) throws EndpointException {
        try {
            zfs.release(fs, older, tag);
        } catch (DatasetNotFoundException noSuchTagOrGone) {
            // not held there (the usual case for all but the newest), released by an earlier
            // confirmation, never held (guarantee_nothing before), or destroyed
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("moving hold " + tag + " to " + received.fullName(fs), e);
        }
    }
}
