package org.jzrepl.replication.plan;

import java.util.Objects;
import java.util.Optional;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.ResumeToken;

/**
 * One send/receive of one filesystem: a full send of {@code to}, or an incremental send
 * {@code from -> to}, possibly resuming a partial receive.
 *
 * @param fs     the filesystem, in the sender's namespace
 * @param from   the incremental source on the sender (a snapshot or a bookmark); empty for a full send
 * @param to     the sender snapshot to send; never a bookmark
 * @param resume the receiver's resume token when this step continues a partial receive
 */
public record Step(DatasetPath fs, Optional<FilesystemVersion> from, FilesystemVersion to,
                   Optional<ResumeToken> resume) {

    public Step {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(resume, "resume");
        if (!to.isSnapshot()) {
            throw new IllegalArgumentException("step target must be a snapshot, not " + to.fullName(fs));
        }
        if (from.isPresent() && from.get().guid().equals(to.guid())) {
            throw new IllegalArgumentException("step source and target are the same version: " + to.fullName(fs));
        }
    }

    public boolean isIncremental() {
        return from.isPresent();
    }

    public boolean isResume() {
        return resume.isPresent();
    }

    /** {@code tank/a: @s1 -> @s2}, {@code tank/a: full @s1}, with {@code (resume)} when resuming. */
    public String describe() {
        String what = from.map(f -> f.relativeName() + " -> " + to.relativeName())
                .orElse("full " + to.relativeName());
        return fs + ": " + what + (isResume() ? " (resume)" : "");
    }

    @Override
    public String toString() {
        return describe();
    }
}
