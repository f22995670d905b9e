package org.jzrepl.endpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jzrepl.endpoint.Messages.ReplicationCursorResponse;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;

/** What a {@link ZfsSender} reads from the cursor bookmarks of a listed filesystem. Pure. */
final class CursorBookmarks {

    private CursorBookmarks() {
    }

    /**
     * The cursor of {@code client} (null for the job-only one) and of every client of {@code job}
     * that {@code configured} admits, each its newest; the job-only cursor counts as a client only
     * while no per-client cursor exists (see {@link ZfsSender#replicationCursor}).
     */
    static ReplicationCursorResponse of(DatasetInfo ds, String job, String client, Predicate<String> configured) {
        Map<Optional<String>, FilesystemVersion> newest = new LinkedHashMap<>();
        for (FilesystemVersion b : ds.bookmarks()) {
            AbstractionNames.parseBookmark(b.name())
                    .filter(p -> p.type() == AbstractionType.CURSOR && !p.foreign() && p.job().equals(job))
                    .ifPresent(p -> newest.merge(p.client(), b, (x, y) -> y.createTxg() > x.createTxg() ? y : x));
        }
        FilesystemVersion own = newest.get(Optional.ofNullable(client));
        boolean perClient = newest.keySet().stream().anyMatch(Optional::isPresent);
        List<Messages.ClientCursor> clients = new ArrayList<>();
        newest.forEach((c, v) -> {
            if (c.isPresent() ? c.get().equals(client) || configured.test(c.get()) : !perClient) {
                clients.add(new Messages.ClientCursor(c.orElse(null), v.guid().decimal()));
            }
        });
        return new ReplicationCursorResponse(own == null ? null : own.guid().decimal(), clients);
    }

    /** Snapshot name → why it stays, for each snapshot whose guid a cursor bookmark carries. */
    static Map<String, String> atCursors(DatasetInfo ds) {
        Map<Guid, String> cursorOf = new HashMap<>();
        for (FilesystemVersion b : ds.bookmarks()) {
            AbstractionNames.parseBookmark(b.name()).filter(p -> p.type() == AbstractionType.CURSOR)
                    .ifPresent(p -> cursorOf.putIfAbsent(b.guid(), p.client().map(c -> "client " + c + " of ").orElse("")
                            + (p.foreign() ? "zrepl job " : "job ") + p.job()));
        }
        Map<String, String> refused = new HashMap<>();
        for (FilesystemVersion v : ds.snapshots()) {
            String owner = cursorOf.get(v.guid());
            if (owner != null) {
                refused.put(v.name(), "refused: the replication cursor of " + owner
                        + " points at it (the incremental base of its target)");
            }
        }
        return refused;
    }
}
