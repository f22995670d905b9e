package org.jzrepl.endpoint;

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
 * pruning on the receiver can never destroy the base of the next incremental step. The hold is
 * released from the previously newest snapshot (where the last receive put it); leftovers from
 * crashes are found by {@link Abstractions} ({@code release-stale}).
 */
final class LastReceivedHold {

    private final Zfs zfs;
    private final String tag;

    LastReceivedHold(Zfs zfs, String job) {
        this.zfs = zfs;
        this.tag = AbstractionNames.lastReceivedHold(job);
    }

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

    /** Holds {@code received}; releases the hold from the newest of {@code previous} snapshots. */
    void move(DatasetPath fs, FilesystemVersion received, List<FilesystemVersion> previous) throws EndpointException {
        try {
            try {
                zfs.hold(fs, received.name(), tag);
            } catch (DatasetExistsException alreadyHeld) {
                // a repeated receive confirmation
            }
            if (!previous.isEmpty()) {
                FilesystemVersion prior = previous.get(previous.size() - 1);
                if (!prior.guid().equals(received.guid()) && zfs.holds(fs, prior.name()).contains(tag)) {
                    zfs.release(fs, prior.name(), tag);
                }
            }
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("moving hold " + tag + " to " + received.fullName(fs), e);
        }
    }
}
