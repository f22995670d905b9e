package org.jzrepl.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.ResumeToken;
import org.jzrepl.zfs.VersionType;

/**
 * The request and response bodies of the replication endpoints, as they cross the wire (JSON).
 * Every value is checked in its compact constructor, so a malformed request from the remote side
 * fails as a bad request before an endpoint sees it. Dataset names travel as strings and are
 * parsed with {@link DatasetPath#parse}; nullable fields are documented as such.
 */
public final class Messages {
    private Messages() {
    }

    public record PingRequest(String message) {
        public PingRequest {
            Objects.requireNonNull(message, "message");
        }
    }

    public record PingResponse(String echo) {
    }

    /**
     * One filesystem an endpoint offers (sender) or holds (receiver: in the sender's namespace,
     * i.e. with the receiver's root stripped).
     *
     * @param resumeToken receiver only: its {@code receive_resume_token}, decoded by the receiver
     *                    (which has zfs at hand), or null. The sender re-validates it before use.
     */
    public record FilesystemEntry(String path, ResumeTokenInfo resumeToken, boolean placeholder, boolean encrypted) {
        public FilesystemEntry {
            DatasetPath.parse(path);
        }

        public DatasetPath datasetPath() {
            return DatasetPath.parse(path);
        }
    }

    /** A decoded resume token on the wire; {@code fromGuid} null for a full send. */
    public record ResumeTokenInfo(String token, String toName, String toGuid, String fromGuid,
                                  boolean raw, boolean compressed, boolean embedded, boolean largeBlocks) {
        public ResumeTokenInfo {
            toResumeToken(token, toName, toGuid, fromGuid, raw, compressed, embedded, largeBlocks);
        }

        public static ResumeTokenInfo of(ResumeToken t) {
            return new ResumeTokenInfo(t.token(), t.toName(), t.toGuid().decimal(),
                    t.fromGuid().map(Guid::decimal).orElse(null), t.raw(), t.compressed(), t.embedded(), t.largeBlocks());
        }

        public ResumeToken toResumeToken() {
            return toResumeToken(token, toName, toGuid, fromGuid, raw, compressed, embedded, largeBlocks);
        }

        private static ResumeToken toResumeToken(String token, String toName, String toGuid, String fromGuid,
                                                 boolean raw, boolean compressed, boolean embedded, boolean large) {
            Objects.requireNonNull(toGuid, "toGuid");
            return new ResumeToken(token, toName, Guid.parse(toGuid),
                    Optional.ofNullable(fromGuid).map(Guid::parse), raw, compressed, embedded, large);
        }
    }

    public record ListFilesystemsResponse(List<FilesystemEntry> filesystems) {
        public ListFilesystemsResponse {
            filesystems = List.copyOf(filesystems);
        }
    }

    /** Names a filesystem in the endpoint's own namespace (the sender's names). */
    public record FilesystemRequest(String filesystem) {
        public FilesystemRequest {
            DatasetPath.parse(filesystem);
        }

        public DatasetPath path() {
            return DatasetPath.parse(filesystem);
        }
    }

    /** A snapshot or bookmark on the wire: guid in decimal, creation as RFC 3339. */
    public record Version(VersionType type, String name, String guid, long createtxg, String creation) {
        public Version {
            toVersion(type, name, guid, createtxg, creation);
        }

        public static Version of(FilesystemVersion v) {
            return new Version(v.type(), v.name(), v.guid().decimal(), v.createTxg(), v.creation().toString());
        }

        public FilesystemVersion toVersion() {
            return toVersion(type, name, guid, createtxg, creation);
        }

        private static FilesystemVersion toVersion(VersionType type, String name, String guid, long txg, String creation) {
            Objects.requireNonNull(guid, "guid");
            Objects.requireNonNull(creation, "creation");
            return new FilesystemVersion(type, name, Guid.parse(guid), txg, Instant.parse(creation));
        }
    }

    public record ListVersionsResponse(List<Version> versions) {
        public ListVersionsResponse {
            versions = List.copyOf(versions);
        }
    }

    /** {@code replication.protection} of the active side, applied by the sender per step. */
    public record ReplicationConfig(ProtectionGuarantee initial, ProtectionGuarantee incremental) {
        public ReplicationConfig {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(incremental, "incremental");
        }
    }

    /**
     * One step: a full ({@code from} null) or incremental send of {@code filesystem@to}, or the
     * resumption of an interrupted one ({@code resumeToken} non-null; the sender validates it).
     *
     * @param sizeKnown the client estimated this step already ({@code sendDry}): {@code send}
     *                  then skips its own estimate and answers an expected size of -1
     */
    public record SendRequest(String filesystem, Version from, Version to, String resumeToken,
                              ReplicationConfig replicationConfig, boolean sizeKnown) {
        /** A request whose size the client does not know yet: the sender estimates it. */
        public SendRequest(String filesystem, Version from, Version to, String resumeToken,
                           ReplicationConfig replicationConfig) {
            this(filesystem, from, to, resumeToken, replicationConfig, false);
        }

        public SendRequest {
            DatasetPath.parse(filesystem);
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(replicationConfig, "replicationConfig");
            if (to.type() != VersionType.SNAPSHOT) {
                throw new IllegalArgumentException("send target must be a snapshot, not " + to.type());
            }
        }

        public DatasetPath path() {
            return DatasetPath.parse(filesystem);
        }
    }

    /** @param expectedSize bytes zfs estimates for the stream, or -1 when unknown */
    public record SendResponse(boolean usedResumeToken, long expectedSize) {
    }

    /**
     * Receive {@code filesystem@to} (sender's name; the receiver maps it below its root).
     *
     * @param from the version the stream is incremental from, null for a full stream (a hint: the
     *             receiver looks up a full stream's missing parents while it looks for the target;
     *             zfs itself checks that an incremental stream fits)
     */
    public record ReceiveRequest(String filesystem, Version from, Version to, boolean clearResumeToken,
                                 ReplicationConfig replicationConfig) {
        public ReceiveRequest {
            DatasetPath.parse(filesystem);
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(replicationConfig, "replicationConfig");
        }

        public DatasetPath path() {
            return DatasetPath.parse(filesystem);
        }
    }

    public record SendCompletedRequest(SendRequest originalRequest) {
        public SendCompletedRequest {
            Objects.requireNonNull(originalRequest, "originalRequest");
        }
    }

    /**
     * @param guid    the caller's replication cursor's guid (this client's, for a source job), or
     *                null when there is none
     * @param clients the cursor of every client of the job on this filesystem, each its newest
     *                (for {@code not_replicated}, which counts a snapshot replicated only when every
     *                client has it); empty from an older peer, then {@code guid} stands alone
     */
    public record ReplicationCursorResponse(String guid, List<ClientCursor> clients) {
        public ReplicationCursorResponse {
            if (guid != null) {
                Guid.parse(guid);
            }
            clients = clients == null ? List.of() : List.copyOf(clients);
        }

        public ReplicationCursorResponse(String guid) {
            this(guid, guid == null ? List.of() : List.of(new ClientCursor(null, guid)));
        }
    }

    /**
     * One client's replication cursor.
     *
     * @param client the client part of its name, null for a job-only cursor (push, or a source
     *               job's from before per-client names)
     * @param guid   the guid it carries
     */
    public record ClientCursor(String client, String guid) {
        public ClientCursor {
            Objects.requireNonNull(guid, "guid");
            Guid.parse(guid);
            if (client != null && !client.matches("[A-Za-z0-9_.:-]{1,255}")) {
                throw new IllegalArgumentException("client cursor: the client is not a valid name part");
            }
        }
    }

    public record DestroySnapshotsRequest(String filesystem, List<String> snapshots) {
        public DestroySnapshotsRequest {
            DatasetPath.parse(filesystem);
            snapshots = List.copyOf(snapshots);
        }
    }

    /**
     * @param error   null when destroyed, else why not (zfs's text, or the endpoint's refusal)
     * @param holds   the hold tags on a snapshot zfs refused to destroy because it is held; empty
     *                otherwise (and when an older peer sends none)
     * @param refused the endpoint refused it (replication needs it); {@code error} says why
     */
    public record DestroyResult(String snapshot, String error, List<String> holds, boolean refused) {
        public DestroyResult {
            holds = holds == null ? List.of() : List.copyOf(holds);
        }

        public DestroyResult(String snapshot, String error) {
            this(snapshot, error, List.of(), false);
        }
    }

    public record DestroySnapshotsResponse(List<DestroyResult> results) {
        public DestroySnapshotsResponse {
            results = List.copyOf(results);
        }
    }
}
