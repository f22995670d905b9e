package org.jzrepl.replication.plan;

import java.util.List;
import java.util.Objects;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;

/**
 * One filesystem as the sender lists it (after its filesystem filter), with its snapshots and
 * bookmarks in any order.
 *
 * @param path        the sender's real dataset name
 * @param versions    snapshots and bookmarks, any order
 * @param placeholder the sender's dataset is itself a placeholder (chained replication): nothing
 *                    is sent for it; the receiver creates placeholders when a child arrives
 */
public record SenderFilesystem(DatasetPath path, List<FilesystemVersion> versions, boolean placeholder) {

    public SenderFilesystem {
        Objects.requireNonNull(path, "path");
        versions = List.copyOf(versions);
    }

    /** An ordinary (non-placeholder) filesystem. */
    public SenderFilesystem(DatasetPath path, List<FilesystemVersion> versions) {
        this(path, versions, false);
    }
}
