package org.jzrepl.replication.plan;

import java.util.List;
import java.util.Objects;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;

/** The receiver has nothing yet and the policy is {@link InitialReplication#FAIL}. */
public record InitialReplicationRefused(DatasetPath fs, List<FilesystemVersion> senderVersions,
                                        List<FilesystemVersion> receiverVersions) implements Conflict {

    public InitialReplicationRefused {
        Objects.requireNonNull(fs, "fs");
        senderVersions = List.copyOf(senderVersions);
        receiverVersions = List.copyOf(receiverVersions);
    }

    @Override
    public String summary() {
        return fs + ": the receiver has no snapshot of this filesystem and initial_replication is fail";
    }

    @Override
    public String message() {
        StringBuilder sb = new StringBuilder(summary())
                .append(": not starting an initial replication. Set conflict_resolution.initial_replication to"
                        + " most_recent or all to allow it.");
        VersionListing.bothSides(sb, senderVersions, receiverVersions);
        return sb.toString();
    }
}
