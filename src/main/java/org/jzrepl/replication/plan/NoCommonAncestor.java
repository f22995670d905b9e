package org.jzrepl.replication.plan;

import java.util.List;
import java.util.Objects;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;

/** The receiver has snapshots, but none whose guid the sender has as a snapshot or bookmark. */
public record NoCommonAncestor(DatasetPath fs, List<FilesystemVersion> senderVersions,
                               List<FilesystemVersion> receiverVersions) implements Conflict {

    public NoCommonAncestor {
        Objects.requireNonNull(fs, "fs");
        senderVersions = List.copyOf(senderVersions);
        receiverVersions = List.copyOf(receiverVersions);
    }

    @Override
    public String summary() {
        return fs + ": no common snapshot or bookmark: none of the receiver's snapshots has a guid the sender has";
    }

    @Override
    public String message() {
        StringBuilder sb = new StringBuilder(summary())
                .append(". The receiver's copy was not received from this sender, or the sender destroyed every"
                        + " snapshot and bookmark it had in common with it. jzrepl does not overwrite it: rename or"
                        + " destroy the receiver's copy to start over with an initial replication.");
        VersionListing.bothSides(sb, senderVersions, receiverVersions);
        return sb.toString();
    }
}
