package org.jzrepl.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;

/**
 * Turns a filesystem's versions on the prune target, and the guid of the sender's replication
 * cursor for it, into keep-rule input, as zrepl's pruner does: bookmarks dropped, snapshots in
 * createtxg order; those before the snapshot whose guid is the cursor's are replicated, that one
 * is at the cursor, later ones are not. If no snapshot carries the cursor's guid (it was destroyed
 * on the target, or never arrived) nothing counts as replicated.
 */
public final class Candidates {

    private Candidates() {
    }

    /**
     * The snapshots of {@code versions}, oldest first by createtxg, with their cursor positions;
     * {@code cursor} empty: the filesystem has no replication cursor yet.
     *
     * @throws IllegalArgumentException if two snapshots share a name or a guid equal to the cursor's
     */
    public static List<PruneCandidate> of(List<FilesystemVersion> versions, Optional<Guid> cursor) {
        List<FilesystemVersion> snaps = new ArrayList<>();
        for (FilesystemVersion v : versions) {
            if (v.isSnapshot()) {
                snaps.add(v);
            }
        }
        snaps.sort(FilesystemVersion.BY_CREATETXG);
        int at = -1;
        if (cursor.isPresent()) {
            for (int i = 0; i < snaps.size(); i++) {
                if (snaps.get(i).guid().equals(cursor.get())) {
                    if (at >= 0) {
                        throw new IllegalArgumentException("snapshots @" + snaps.get(at).name() + " and @"
                                + snaps.get(i).name() + " both carry the replication cursor's guid " + cursor.get());
                    }
                    at = i;
                }
            }
        }
        List<PruneCandidate> out = new ArrayList<>(snaps.size());
        for (int i = 0; i < snaps.size(); i++) {
            FilesystemVersion v = snaps.get(i);
            out.add(new PruneCandidate(v.name(), v.creation(), position(cursor.isPresent(), at, i)));
        }
        PruneCandidate.checkOneFilesystem(out);
        return List.copyOf(out);
    }

    private static CursorPosition position(boolean haveCursor, int at, int i) {
        if (!haveCursor) {
            return CursorPosition.NO_CURSOR;
        }
        if (at < 0 || i > at) {
            return CursorPosition.AFTER;
        }
        return i == at ? CursorPosition.AT : CursorPosition.BEFORE;
    }
}
