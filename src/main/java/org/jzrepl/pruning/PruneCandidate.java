package org.jzrepl.pruning;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jzrepl.util.LogText;

/**
 * One snapshot of one filesystem as the keep rules see it: its short name (after '@'), its
 * {@code creation} time and its position relative to the replication cursor. Bookmarks are never
 * candidates. {@link Candidates#of} builds the list from a zfs listing.
 */
public record PruneCandidate(String name, Instant creation, CursorPosition cursor) {

    /**
     * Newest first: later creation first, equal creation (zfs reports whole seconds) by name
     * descending, as zrepl's {@code last_n} orders them.
     */
    public static final Comparator<PruneCandidate> NEWEST_FIRST =
            Comparator.comparing(PruneCandidate::creation).thenComparing(PruneCandidate::name).reversed();

    /** Oldest first: the reverse of {@link #NEWEST_FIRST}. */
    public static final Comparator<PruneCandidate> OLDEST_FIRST = NEWEST_FIRST.reversed();

    public PruneCandidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(creation, "creation");
        Objects.requireNonNull(cursor, "cursor");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("snapshot name must not be empty");
        }
    }

    /**
     * Checks that {@code snapshots} can be the snapshots of one filesystem: names unique, at most
     * one at the cursor, {@link CursorPosition#NO_CURSOR} for all or none. Names are escaped in
     * messages and {@link #toString}: they may come from a peer.
     */
    static void checkOneFilesystem(List<PruneCandidate> snapshots) {
        Set<String> names = new HashSet<>();
        int atCursor = 0;
        int noCursor = 0;
        for (PruneCandidate c : snapshots) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("snapshot @" + LogText.escape(c.name(), 300) + " is listed twice");
            }
            atCursor += c.cursor() == CursorPosition.AT ? 1 : 0;
            noCursor += c.cursor() == CursorPosition.NO_CURSOR ? 1 : 0;
        }
        if (atCursor > 1) {
            throw new IllegalArgumentException(atCursor + " snapshots are at the replication cursor, at most one can be");
        }
        if (noCursor != 0 && noCursor != snapshots.size()) {
            throw new IllegalArgumentException("some snapshots have a replication cursor and some do not");
        }
    }

    @Override
    public String toString() {
        return "@" + LogText.escape(name, 300) + " (" + creation + ", " + cursor.name().toLowerCase() + ")";
    }
}
