package org.jzrepl.replication.plan;

import java.util.List;
import java.util.Objects;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;

/**
 * The receiver has snapshots newer than the newest version both sides share: someone snapshotted
 * or received into the receiver's copy, or the sender rolled back. An incremental receive would fail.
 *
 * @param commonOnSender   the sender's version (snapshot, else bookmark) with the common guid
 * @param commonOnReceiver the receiver's snapshot with the common guid
 * @param senderOnly       sender snapshots newer than the common version
 * @param receiverOnly     receiver snapshots newer than the common version
 */
public record Diverged(DatasetPath fs, FilesystemVersion commonOnSender, FilesystemVersion commonOnReceiver,
                       List<FilesystemVersion> senderOnly, List<FilesystemVersion> receiverOnly,
                       List<FilesystemVersion> senderVersions, List<FilesystemVersion> receiverVersions)
        implements Conflict {

    public Diverged {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(commonOnSender, "commonOnSender");
        Objects.requireNonNull(commonOnReceiver, "commonOnReceiver");
        senderOnly = List.copyOf(senderOnly);
        receiverOnly = List.copyOf(receiverOnly);
        senderVersions = List.copyOf(senderVersions);
        receiverVersions = List.copyOf(receiverVersions);
        if (receiverOnly.isEmpty()) {
            throw new IllegalArgumentException("diverged needs at least one receiver-only snapshot");
        }
    }

    @Override
    public String summary() {
        int n = receiverOnly.size();
        return fs + ": the receiver has diverged: it has " + n + (n == 1 ? " snapshot" : " snapshots")
                + " newer than " + commonOnReceiver.relativeName() + " (guid " + commonOnReceiver.guid()
                + "), the newest one it shares with the sender, and the sender does not have "
                + (n == 1 ? "it" : "them");
    }

    @Override
    public String message() {
        StringBuilder sb = new StringBuilder(summary())
                .append(". To continue, roll the receiver's copy back on the receiver")
                .append(" (zfs rollback -r <receiver's dataset>")
                .append(commonOnReceiver.relativeName())
                .append("); this destroys the receiver-only snapshots and everything written after them.")
                .append("\n  newest common: ").append(commonOnSender).append(" on the sender, ")
                .append(commonOnReceiver).append(" on the receiver");
        VersionListing.append(sb, "receiver only, oldest first", receiverOnly);
        VersionListing.append(sb, "sender only, oldest first", senderOnly);
        VersionListing.bothSides(sb, senderVersions, receiverVersions);
        return sb.toString();
    }
}
