package org.jzrepl.pruning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;

/**
 * The snapshots of one filesystem that pruning must never destroy, whatever the keep rules say,
 * each with every reason: what no peer guarantees, as a pure function of the listings.
 *
 * <p><b>On a sender</b> ({@link #onSender}): the snapshot each replication cursor bookmark points
 * at, of every job and of zrepl (each stands for a target's incremental base; a bookmark alone
 * would do for zfs, the snapshot also keeps a resumable or {@code keep_snapshot_at_cursor} step
 * possible), and the snapshot of each tentative cursor (a step may be in flight). For the client
 * whose run prunes (its receiver's listing is at hand): the snapshot with the guid of its newest
 * snapshot the sender has, which is where its cursor points, or would point where the cursor is
 * missing or behind (a lost {@code sendCompleted}); and the versions its partial receive resumes
 * from and to.
 *
 * <p><b>On a receiver</b> ({@link #onReceiver}): its newest snapshot whose guid the sender still
 * has as a snapshot or bookmark (the base of the next incremental step), its newest snapshot (the
 * endpoint refuses it anyway), and the snapshot a partial receive builds on.
 *
 * <p>Guids alone tie the two sides together; createtxgs are only compared within one side.
 */
public final class Protection {

    private Protection() {
    }

    /**
     * The other side of one filesystem as the pruner sees it.
     *
     * @param client     who it is, for reasons ("client pull_backup"); already checked or escaped
     * @param versions   its snapshots and bookmarks
     * @param resumeFrom the from-guid of its partial receive, if any (sender side: a receiver's token)
     * @param resumeTo   the to-guid of its partial receive, if any
     * @param cursor     the guid of this client's own cursor as the sender reports it; empty when it
     *                   has none or the sender does not say (then any cursor at its base counts)
     */
    public record Peer(String client, List<FilesystemVersion> versions, Optional<Guid> resumeFrom,
                       Optional<Guid> resumeTo, Optional<Guid> cursor) {
        public Peer {
            Objects.requireNonNull(client, "client");
            versions = List.copyOf(versions);
            Objects.requireNonNull(resumeFrom, "resumeFrom");
            Objects.requireNonNull(resumeTo, "resumeTo");
            Objects.requireNonNull(cursor, "cursor");
        }

        public Peer(String client, List<FilesystemVersion> versions, Optional<Guid> resumeFrom,
                    Optional<Guid> resumeTo) {
            this(client, versions, resumeFrom, resumeTo, Optional.empty());
        }

        public Peer(String client, List<FilesystemVersion> versions) {
            this(client, versions, Optional.empty(), Optional.empty());
        }
    }

    /**
     * Sender side: snapshot name → reasons, in the sender's createtxg order.
     *
     * @param receiver the receiver of the client whose run prunes, when known (a snap job has none;
     *                 a receiver that does not have the filesystem yet is an empty listing)
     */
    public static Map<String, List<String>> onSender(List<FilesystemVersion> sender, Optional<Peer> receiver) {
        Reasons r = new Reasons(sender);
        for (CursorMark c : CursorMark.of(sender)) {
            r.add(c.guid(), c.describe());
        }
        if (receiver.isPresent()) {
            Peer p = receiver.get();
            Optional<FilesystemVersion> base = newestCommon(p.versions(), sender);
            if (base.isPresent()) {
                Guid at = base.get().guid();
                boolean cursorThere = p.cursor().isPresent() ? p.cursor().get().equals(at)
                        : CursorMark.of(sender).stream().anyMatch(c -> !c.tentative() && c.guid().equals(at));
                r.add(base.get().guid(), "incremental base of client " + p.client() + " (its newest snapshot"
                        + " the sender has" + (cursorThere ? ")" : "; no cursor points at it: the cursor is missing or"
                        + " behind, so the snapshot it would point at is kept)"));
            }
            p.resumeFrom().ifPresent(g -> r.add(g, "the partial receive of client " + p.client() + " resumes from it"));
            p.resumeTo().ifPresent(g -> r.add(g, "the partial receive of client " + p.client() + " resumes to it"));
        }
        return r.result();
    }

    /**
     * Receiver side: snapshot name → reasons, in the receiver's createtxg order.
     *
     * @param resumeFrom the from-guid of the receiver's own partial receive, if any
     */
    public static Map<String, List<String>> onReceiver(List<FilesystemVersion> receiver, List<FilesystemVersion> sender,
                                                       Optional<Guid> resumeFrom) {
        Reasons r = new Reasons(receiver);
        newestCommon(receiver, sender).ifPresent(v -> r.add(v.guid(),
                "newest snapshot the sender still has (the base of the next incremental replication)"));
        List<FilesystemVersion> snaps = snapshots(receiver);
        if (!snaps.isEmpty()) {
            r.add(snaps.get(snaps.size() - 1).guid(), "newest snapshot on the receiver (the next receive builds on it)");
        }
        resumeFrom.ifPresent(g -> r.add(g, "a partial receive builds on it"));
        return r.result();
    }

    /** The newest snapshot of {@code side} whose guid {@code other} has as a snapshot or bookmark. */
    static Optional<FilesystemVersion> newestCommon(List<FilesystemVersion> side, List<FilesystemVersion> other) {
        Set<Guid> there = new HashSet<>();
        for (FilesystemVersion v : other) {
            there.add(v.guid());
        }
        List<FilesystemVersion> snaps = snapshots(side);
        for (int i = snaps.size() - 1; i >= 0; i--) {
            if (there.contains(snaps.get(i).guid())) {
                return Optional.of(snaps.get(i));
            }
        }
        return Optional.empty();
    }

    private static List<FilesystemVersion> snapshots(List<FilesystemVersion> versions) {
        List<FilesystemVersion> snaps = new ArrayList<>();
        for (FilesystemVersion v : versions) {
            if (v.isSnapshot()) {
                snaps.add(v);
            }
        }
        snaps.sort(FilesystemVersion.BY_CREATETXG);
        return snaps;
    }

    /** Reasons collected by guid, reported by the names of the side's snapshots with that guid. */
    private static final class Reasons {
        private final List<FilesystemVersion> snapshots;
        private final Map<Guid, List<String>> byGuid = new LinkedHashMap<>();

        Reasons(List<FilesystemVersion> side) {
            this.snapshots = snapshots(side);
        }

        void add(Guid g, String reason) {
            List<String> list = byGuid.computeIfAbsent(g, k -> new ArrayList<>());
            if (!list.contains(reason)) {
                list.add(reason);
            }
        }

        Map<String, List<String>> result() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (FilesystemVersion s : snapshots) {
                List<String> why = byGuid.get(s.guid());
                if (why != null) {
                    out.put(s.name(), List.copyOf(why));
                }
            }
            return out;
        }
    }
}
