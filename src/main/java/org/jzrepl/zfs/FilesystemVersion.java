package org.jzrepl.zfs;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jzrepl.util.LogText;

/**
 * A snapshot or bookmark of one filesystem, as {@code zfs list -p} reports it.
 * {@code name} is the short name after '@' or '#'.
 */
public record FilesystemVersion(VersionType type, String name, Guid guid, long createTxg, Instant creation) {

    private static final Pattern SHORT_NAME = Pattern.compile("[A-Za-z0-9_.: -]+");

    /** Oldest first by createtxg; a bookmark sorts before a snapshot of the same txg. */
    public static final Comparator<FilesystemVersion> BY_CREATETXG =
            Comparator.comparingLong(FilesystemVersion::createTxg)
                    .thenComparing(v -> v.type() == VersionType.SNAPSHOT);

    public FilesystemVersion {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(creation, "creation");
        if (name == null || !SHORT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid " + type.name().toLowerCase() + " name '" + LogText.escape(name, 300) + "'");
        }
        if (createTxg < 0) {
            throw new IllegalArgumentException("negative createtxg " + createTxg);
        }
    }

    public boolean isSnapshot() {
        return type == VersionType.SNAPSHOT;
    }

    public boolean isBookmark() {
        return type == VersionType.BOOKMARK;
    }

    /** This version by name only, for commands that take {@code @snap} or {@code #bm}. */
    public VersionRef ref() {
        return new VersionRef(type, name);
    }

    /** {@code @name} or {@code #name}. */
    public String relativeName() {
        return type.delimiter() + name;
    }

    /** {@code pool/fs@name} or {@code pool/fs#name}. */
    public String fullName(DatasetPath fs) {
        return fs.name() + relativeName();
    }

    @Override
    public String toString() {
        return relativeName() + " (guid " + guid + ", txg " + createTxg + ")";
    }
}
