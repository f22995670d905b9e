package org.jzrepl.zfs;

import org.jzrepl.util.LogText;

/** The kinds of dataset that hold snapshots and can be replicated. */
public enum DatasetType {
    FILESYSTEM("filesystem"),
    VOLUME("volume");

    private final String zfsName;

    DatasetType(String zfsName) {
        this.zfsName = zfsName;
    }

    /** The name zfs prints in its {@code type} column. */
    public String zfsName() {
        return zfsName;
    }

    public static DatasetType fromZfs(String s) {
        for (DatasetType t : values()) {
            if (t.zfsName.equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a filesystem or volume type: '" + LogText.escape(s, 100) + "'");
    }
}
