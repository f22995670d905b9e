package org.jzrepl.pruning;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jzrepl.endpoint.Endpoint;
import org.jzrepl.endpoint.Messages.ClientCursor;
import org.jzrepl.endpoint.Messages.FilesystemEntry;
import org.jzrepl.endpoint.Messages.FilesystemRequest;
import org.jzrepl.endpoint.Messages.ReplicationCursorResponse;
import org.jzrepl.endpoint.Messages.ResumeTokenInfo;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.pruning.PruneReport.Side;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.ResumeToken;

/**
 * Lists one side and its peer through the {@link Endpoint} interface (locally or through the RPC
 * proxy alike) and plans each filesystem with {@link FilesystemPlanner} and {@link Protection}.
 * Everything a remote peer lists has been validated by the {@code Messages} records on decoding.
 */
final class SidePlanner {

    static final String PLACEHOLDER = "placeholder: never pruned";
    static final String NO_COUNTERPART = "the sender does not list this filesystem: receiver filesystems without"
            + " a sender counterpart are left alone";
    static final String SENDER_PLACEHOLDER = "the sender's filesystem is a placeholder: left alone";

    /** Both sides' filesystem lists; {@code peer} empty when the side has none (a snap job). */
    record Listing(List<FilesystemEntry> target, Optional<Map<String, FilesystemEntry>> peer) {
    }

    private final Side side;
    private final Endpoint target;
    private final Endpoint peer;
    private final Sender cursors;
    private final String client;
    private final List<Keep> rules;

    /**
     * @param peer    the receiver when pruning the sender, the sender when pruning the receiver, null for LOCAL
     * @param cursors the sender, asked for the replication cursor (SENDER only; else null)
     * @param client  names the peer's client in reasons
     */
    SidePlanner(Side side, Endpoint target, Endpoint peer, Sender cursors, String client, List<Keep> rules) {
        this.side = Objects.requireNonNull(side, "side");
        this.target = Objects.requireNonNull(target, "target");
        this.peer = peer;
        this.cursors = cursors;
        this.client = Objects.requireNonNull(client, "client");
        this.rules = List.copyOf(rules);
        if ((side == Side.LOCAL) != (peer == null) || (side == Side.SENDER) != (cursors != null)) {
            throw new IllegalArgumentException(side + " pruning: wrong peer or cursor source");
        }
    }

    Listing list() throws IOException {
        List<FilesystemEntry> mine = target.listFilesystems().filesystems();
        if (peer == null) {
            return new Listing(mine, Optional.empty());
        }
        Map<String, FilesystemEntry> theirs = new LinkedHashMap<>();
        for (FilesystemEntry e : peer.listFilesystems().filesystems()) {
            theirs.putIfAbsent(e.datasetPath().name(), e);
        }
        return new Listing(mine, Optional.of(theirs));
    }

    FilesystemPrunePlan plan(FilesystemEntry fs, Listing listing) throws IOException {
        String name = fs.datasetPath().name();
        if (fs.placeholder()) {
            return FilesystemPrunePlan.skipped(name, PLACEHOLDER);
        }
        FilesystemEntry other = listing.peer().map(m -> m.get(name)).orElse(null);
        if (side == Side.RECEIVER && other == null) {
            return FilesystemPrunePlan.skipped(name, NO_COUNTERPART);
        }
        if (side == Side.RECEIVER && other.placeholder()) {
            return FilesystemPrunePlan.skipped(name, SENDER_PLACEHOLDER);
        }
        FilesystemRequest req = new FilesystemRequest(name);
        List<FilesystemVersion> versions = versions(target, req);
        return switch (side) {
            case LOCAL -> FilesystemPlanner.plan(name, versions, List.of(), versions, rules,
                    Protection.onSender(versions, Optional.empty()));
            case SENDER -> {
                List<FilesystemVersion> theirs = other == null ? List.of() : versions(peer, req);
                Optional<ResumeToken> token = token(other);
                ReplicationCursorResponse rc = cursors.replicationCursor(req);
                Optional<Guid> own = Optional.ofNullable(rc.guid()).map(Guid::parse);
                Protection.Peer p = new Protection.Peer(client, theirs, token.flatMap(ResumeToken::fromGuid),
                        token.map(ResumeToken::toGuid), own);
                List<Guid> cursorGuids = clientCursors(rc);
                yield FilesystemPlanner.plan(name, versions, cursorGuids, versions, rules,
                        Protection.onSender(versions, Optional.of(p)));
            }
            case RECEIVER -> {
                List<FilesystemVersion> senderVersions = versions(peer, req);
                yield FilesystemPlanner.plan(name, versions, List.of(), senderVersions, rules,
                        Protection.onReceiver(versions, senderVersions, token(fs).flatMap(ResumeToken::fromGuid)));
            }
        };
    }

    /**
     * The cursors {@code not_replicated} counts from: every client's, or the caller's alone from a
     * peer that lists none.
     */
    static List<Guid> clientCursors(ReplicationCursorResponse rc) {
        List<Guid> out = new ArrayList<>();
        for (ClientCursor c : rc.clients()) {
            out.add(Guid.parse(c.guid()));
        }
        if (out.isEmpty() && rc.guid() != null) {
            out.add(Guid.parse(rc.guid()));
        }
        return out;
    }

    private static List<FilesystemVersion> versions(Endpoint e, FilesystemRequest req) throws IOException {
        List<Version> wire = e.listFilesystemVersions(req).versions();
        List<FilesystemVersion> out = new ArrayList<>(wire.size());
        for (Version v : wire) {
            out.add(v.toVersion());
        }
        return out;
    }

    /** A receiver's decoded resume token; none when absent. */
    private static Optional<ResumeToken> token(FilesystemEntry e) {
        ResumeTokenInfo t = e == null ? null : e.resumeToken();
        return t == null ? Optional.empty() : Optional.of(t.toResumeToken());
    }
}
