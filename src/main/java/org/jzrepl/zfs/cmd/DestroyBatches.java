package org.jzrepl.zfs.cmd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.VersionRef;
import org.jzrepl.zfs.Zfs;

/**
 * Splits snapshots to destroy into {@code fs@a,b,c} arguments of bounded length. A comma list is
 * one argv string: Linux caps one at 128 KiB (MAX_ARG_STRLEN) and an ssh-forwarded command line
 * is tighter still, so the default bound is far below that. Pure.
 */
final class DestroyBatches {

    /** Bytes one comma-list argument may take. */
    static final int DEFAULT_MAX_BYTES = 32 * 1024;

    private DestroyBatches() {
    }

    /**
     * The names, each checked and each once, in their first order; IllegalArgumentException for
     * more than {@link Zfs#MAX_DESTROY_SNAPSHOTS} (told before any name is looked at) or an
     * invalid name.
     */
    static List<String> checked(List<String> snapshots) {
        if (snapshots.size() > Zfs.MAX_DESTROY_SNAPSHOTS) {
            throw new IllegalArgumentException(snapshots.size() + " snapshots to destroy in one call, at most "
                    + Zfs.MAX_DESTROY_SNAPSHOTS);
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String s : snapshots) {
            unique.add(VersionRef.checkName(s));
        }
        return List.copyOf(unique);
    }

    static List<String> of(DatasetPath fs, List<String> snapshots, int maxBytes) {
        String prefix = fs.name() + "@";
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int curBytes = 0;
        for (String s : snapshots) {
            VersionRef.checkName(s);
            if (bytes(prefix) + bytes(s) > maxBytes) {
                throw new IllegalArgumentException("snapshot name " + prefix + s + " longer than " + maxBytes);
            }
            if (curBytes > 0 && curBytes + 1 + bytes(s) > maxBytes) {
                out.add(cur.toString());
                cur.setLength(0);
                curBytes = 0;
            }
            String part = curBytes == 0 ? prefix + s : "," + s;
            cur.append(part);
            curBytes += bytes(part);
        }
        if (curBytes > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    /** The snapshot names of one batch argument, in order. */
    static List<String> names(String batch) {
        return List.of(batch.substring(batch.indexOf('@') + 1).split(","));
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
