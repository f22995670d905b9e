package org.jzrepl.zfs;

import org.jzrepl.util.LogText;

/** A dataset's {@code keystatus}: NONE for unencrypted datasets (zfs prints "-"). */
public enum KeyStatus {
    NONE,
    AVAILABLE,
    UNAVAILABLE;

    public static KeyStatus fromZfs(String s) {
        switch (s) {
            case "-":
            case "none":
                return NONE;
            case "available":
                return AVAILABLE;
            case "unavailable":
                return UNAVAILABLE;
            default:
                throw new IllegalArgumentException("unknown keystatus '" + LogText.escape(s, 100) + "'");
        }
    }
}
