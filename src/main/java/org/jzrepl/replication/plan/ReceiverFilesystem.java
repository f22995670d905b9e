package org.jzrepl.replication.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.ResumeToken;

/**
 * One filesystem as the receiver lists it below its root, mapped back into the sender's namespace.
 *
 * @param path        the sender's name for it ({@code root_fs[/identity]} prefix already removed)
 * @param versions    snapshots and bookmarks, any order; ignored when {@code placeholder}
 * @param resumeToken the decoded {@code receive_resume_token} of a partial receive, if any
 * @param placeholder created by the receiver only to hold children; counts as "nothing received"
 */
public record ReceiverFilesystem(DatasetPath path, List<FilesystemVersion> versions,
                                 Optional<ResumeToken> resumeToken, boolean placeholder) {

    public ReceiverFilesystem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(resumeToken, "resumeToken");
        versions = List.copyOf(versions);
    }
}
