package org.jzrepl.endpoint;

import java.util.Objects;
import java.util.Optional;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;

/**
 * One hold or cursor bookmark found on a dataset.
 *
 * @param filesystem the dataset
 * @param version    the held snapshot (holds) or the bookmark itself (cursors)
 * @param name       the hold tag, or the bookmark's short name
 * @param job        the job named in {@code name}
 * @param foreign    a zrepl name: listed, never released by jzrepl
 * @param client     the client part of a per-client name (a source job's client), or null for
 *                   job-only names
 */
public record Abstraction(AbstractionType type, DatasetPath filesystem, FilesystemVersion version, String name,
                          String job, boolean foreign, String client) {

    /** A job-only one. */
    public Abstraction(AbstractionType type, DatasetPath filesystem, FilesystemVersion version, String name,
                       String job, boolean foreign) {
        this(type, filesystem, version, name, job, foreign, null);
    }

    public Abstraction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(filesystem, "filesystem");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(job, "job");
        if (type.isHold() != version.isSnapshot()) {
            throw new IllegalArgumentException(type + " on " + version.relativeName() + ": holds go on snapshots,"
                    + " cursors are bookmarks");
        }
    }

    /** The hold on {@code fs@snapshot}, if {@code tag} is a replication hold tag. */
    public static Optional<Abstraction> ofHold(DatasetPath fs, FilesystemVersion snapshot, String tag) {
        return AbstractionNames.parseHold(tag)
                .map(p -> new Abstraction(p.type(), fs, snapshot, tag, p.job(), p.foreign(), p.client().orElse(null)));
    }

    /** The cursor that {@code bookmark} is, if its name is a cursor name. */
    public static Optional<Abstraction> ofBookmark(DatasetPath fs, FilesystemVersion bookmark) {
        if (!bookmark.isBookmark()) {
            return Optional.empty();
        }
        return AbstractionNames.parseBookmark(bookmark.name())
                .map(p -> new Abstraction(p.type(), fs, bookmark, bookmark.name(), p.job(), p.foreign(),
                        p.client().orElse(null)));
    }

    public long createTxg() {
        return version.createTxg();
    }

    /** The guid of the protected version (the snapshot, or the bookmark's). */
    public Guid guid() {
        return version.guid();
    }

    /** {@code pool/fs@snap} for holds, {@code pool/fs#bookmark} for cursors. */
    public String versionFullName() {
        return version.fullName(filesystem);
    }

    @Override
    public String toString() {
        return type.cliName() + " " + (type.isHold() ? name + " on " + versionFullName() : versionFullName());
    }
}
