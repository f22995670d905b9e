package org.jzrepl.zfs;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jzrepl.util.LogText;

/**
 * A snapshot or bookmark of a filesystem by name only ({@code @snap} or {@code #bm}), as a send
 * or bookmark command names it. {@link FilesystemVersion} adds what {@code zfs list} reports.
 */
public record VersionRef(VersionType type, String name) {

    private static final Pattern SHORT_NAME = Pattern.compile("[A-Za-z0-9_.: -]+");

    public VersionRef {
        Objects.requireNonNull(type, "type");
        if (!valid(name)) {
            throw new IllegalArgumentException("invalid " + type.name().toLowerCase() + " name '"
                    + LogText.escape(name, 64) + "'");
        }
    }

    /** At most {@link DatasetPath#MAX_LENGTH} characters (all ASCII), checked before the pattern. */
    private static boolean valid(String name) {
        return name != null && name.length() <= DatasetPath.MAX_LENGTH && SHORT_NAME.matcher(name).matches();
    }

    public static VersionRef snapshot(String name) {
        return new VersionRef(VersionType.SNAPSHOT, name);
    }

    public static VersionRef bookmark(String name) {
        return new VersionRef(VersionType.BOOKMARK, name);
    }

    /** Parses {@code @name} or {@code #name}. */
    public static VersionRef parse(String relative) {
        if (relative == null || relative.length() < 2) {
            throw new IllegalArgumentException("expected @snapshot or #bookmark, got '" + LogText.escape(relative, 300) + "'");
        }
        for (VersionType t : VersionType.values()) {
            if (relative.charAt(0) == t.delimiter()) {
                return new VersionRef(t, relative.substring(1));
            }
        }
        throw new IllegalArgumentException("expected @snapshot or #bookmark, got '" + LogText.escape(relative, 300) + "'");
    }

    /** Checks a snapshot, bookmark or hold-free short name; returns it. */
    public static String checkName(String name) {
        if (!valid(name)) {
            throw new IllegalArgumentException("invalid snapshot or bookmark name '" + LogText.escape(name, 64) + "'");
        }
        return name;
    }

    public boolean isSnapshot() {
        return type == VersionType.SNAPSHOT;
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
        return relativeName();
    }
}
