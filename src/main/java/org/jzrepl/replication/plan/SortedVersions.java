package org.jzrepl.replication.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;

/**
 * One side's versions of one filesystem, oldest first by that side's createtxg (bookmark before
 * snapshot on a tie), with a guid index that prefers the snapshot when a bookmark shares its guid.
 * Built in O(n log n); lookups are O(1).
 */
final class SortedVersions {

    private final List<FilesystemVersion> all;
    private final Map<Guid, Integer> indexByGuid;
    private final int snapshotCount;

    private SortedVersions(List<FilesystemVersion> all, Map<Guid, Integer> indexByGuid, int snapshotCount) {
        this.all = all;
        this.indexByGuid = indexByGuid;
        this.snapshotCount = snapshotCount;
    }

    static SortedVersions of(List<FilesystemVersion> versions) {
        List<FilesystemVersion> sorted = new ArrayList<>(versions);
        sorted.sort(FilesystemVersion.BY_CREATETXG);
        Map<Guid, Integer> index = new HashMap<>(sorted.size() * 2);
        int snapshots = 0;
        for (int i = 0; i < sorted.size(); i++) {
            FilesystemVersion v = sorted.get(i);
            if (v.isSnapshot()) {
                snapshots++;
                index.put(v.guid(), i);
            } else {
                index.putIfAbsent(v.guid(), i);
            }
        }
        return new SortedVersions(Collections.unmodifiableList(sorted), index, snapshots);
    }

    List<FilesystemVersion> all() {
        return all;
    }

    FilesystemVersion get(int index) {
        return all.get(index);
    }

    boolean hasSnapshots() {
        return snapshotCount > 0;
    }

    /** Index of the version with this guid (the snapshot if there is one), or -1. */
    int indexOf(Guid guid) {
        Integer i = indexByGuid.get(guid);
        return i == null ? -1 : i;
    }

    /** The snapshots only, oldest first. */
    List<FilesystemVersion> snapshots() {
        return snapshotsAfter(-1);
    }

    /** Snapshots newer than position {@code index}, oldest first, skipping the guid found there. */
    List<FilesystemVersion> snapshotsAfter(int index) {
        List<FilesystemVersion> out = new ArrayList<>();
        for (int i = index + 1; i < all.size(); i++) {
            FilesystemVersion v = all.get(i);
            if (v.isSnapshot() && (index < 0 || !v.guid().equals(all.get(index).guid()))) {
                out.add(v);
            }
        }
        return out;
    }
}
