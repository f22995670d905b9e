package org.jzrepl.zfs;

/** The two kinds of filesystem version a replication can start from. */
public enum VersionType {
    SNAPSHOT('@'),
    BOOKMARK('#');

    private final char delimiter;

    VersionType(char delimiter) {
        this.delimiter = delimiter;
    }

    /** '@' for snapshots, '#' for bookmarks. */
    public char delimiter() {
        return delimiter;
    }
}
