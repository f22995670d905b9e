package org.jzrepl.replication.plan;

import java.util.List;
import java.util.Objects;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;

/** The sender has no snapshot of the filesystem (bookmarks alone cannot be sent). */
public record NoSenderSnapshots(DatasetPath fs, List<FilesystemVersion> senderVersions,
                                List<FilesystemVersion> receiverVersions) implements Conflict {

    public NoSenderSnapshots {
        Objects.requireNonNull(fs, "fs");
        senderVersions = List.copyOf(senderVersions);
        receiverVersions = List.copyOf(receiverVersions);
    }

    @Override
    public String summary() {
        return fs + ": the sender has no snapshot of this filesystem";
    }

    @Override
    public String message() {
        StringBuilder sb = new StringBuilder(summary())
                .append("; nothing can be replicated until one exists: create one on the sender (zfs snapshot ")
                .append(fs).append("@NAME) or let the job's snapshotting do it.");
        VersionListing.bothSides(sb, senderVersions, receiverVersions);
        return sb.toString();
    }
}
