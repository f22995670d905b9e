package org.jzrepl.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.Messages.DestroySnapshotsRequest;
import org.jzrepl.endpoint.Messages.DestroySnapshotsResponse;
import org.jzrepl.endpoint.Messages.FilesystemEntry;
import org.jzrepl.endpoint.Messages.FilesystemRequest;
import org.jzrepl.endpoint.Messages.ListFilesystemsResponse;
import org.jzrepl.endpoint.Messages.ListVersionsResponse;
import org.jzrepl.endpoint.Messages.PingRequest;
import org.jzrepl.endpoint.Messages.PingResponse;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Messages.ResumeTokenInfo;
import org.jzrepl.util.LogText;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.ResumeTokenDecoder;
import org.jzrepl.zfs.ResumeTokenException;
import org.jzrepl.zfs.StreamHeader;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Receiver} on local ZFS for one job, confined to its root: {@code root_fs/<client
 * identity>} for a sink, {@code root_fs} for a pull. The sender's name {@code pool/data} lives at
 * {@code root/pool/data}; listings strip the root again so both sides pair by the sender's names.
 * Every name from the remote side goes through {@link ReceivePath}. Its only state besides the
 * zfs adapter is the last {@code listFilesystems} listing ({@link ListingSnapshot}), which answers
 * planning's version listings for a short while (a receive and a destroy list afresh): thread-safe (two receives into siblings may both create a shared placeholder parent).
 */
public final class ZfsReceiver implements Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(ZfsReceiver.class);

    private final Zfs zfs;
    private final String job;
    private final DatasetPath root;
    private final RecvOptions recv;
    private final Placeholders placeholders;
    private final LastReceivedHold lastReceived;
    private final BandwidthLimiter limiter;
    private final ListingSnapshot listing = new ListingSnapshot();

    /**
     * Receives below {@code root}; {@code root}'s parent must exist, {@code root} itself is created
     * as a placeholder when missing. Prefer {@link #forPull} and {@link #forSink}, which name root_fs.
     */
    public ZfsReceiver(Zfs zfs, String jobName, DatasetPath root, RecvOptions recv) {
        this(zfs, jobName, root, root.isRoot() ? root : root.parent(), recv, BandwidthLimiter.UNLIMITED);
    }

    private ZfsReceiver(Zfs zfs, String jobName, DatasetPath root, DatasetPath mustExist, RecvOptions recv,
                        BandwidthLimiter limiter) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.zfs = Objects.requireNonNull(zfs, "zfs");
        this.job = AbstractionNames.checkJob(jobName);
        this.root = Objects.requireNonNull(root, "root");
        this.recv = Objects.requireNonNull(recv, "recv");
        this.placeholders = new Placeholders(zfs, mustExist, recv.placeholderEncryption());
        this.lastReceived = new LastReceivedHold(zfs, job);
    }

    /** A pull job's receiver: into {@code rootFs}, which must exist; unlimited bandwidth. */
    public static ZfsReceiver forPull(Zfs zfs, String jobName, DatasetPath rootFs, RecvOptions recv) {
        return forPull(zfs, jobName, rootFs, recv, BandwidthLimiter.UNLIMITED);
    }

    /** A pull job's receiver, its streams limited by the job's {@code recv.bandwidth_limit}. */
    public static ZfsReceiver forPull(Zfs zfs, String jobName, DatasetPath rootFs, RecvOptions recv,
                                      BandwidthLimiter limiter) {
        return new ZfsReceiver(zfs, jobName, rootFs, rootFs, recv, limiter);
    }

    /** A sink's receiver for one client: into {@code rootFs/identity}; rootFs must exist; unlimited. */
    public static ZfsReceiver forSink(Zfs zfs, String jobName, DatasetPath rootFs, String clientIdentity,
                                      RecvOptions recv) {
        return forSink(zfs, jobName, rootFs, clientIdentity, recv, BandwidthLimiter.UNLIMITED);
    }

    /** A sink's receiver for one client, sharing the job's {@code limiter} with its other clients. */
    public static ZfsReceiver forSink(Zfs zfs, String jobName, DatasetPath rootFs, String clientIdentity,
                                      RecvOptions recv, BandwidthLimiter limiter) {
        DatasetPath.checkComponent(clientIdentity);
        return new ZfsReceiver(zfs, jobName, rootFs.child(clientIdentity), rootFs, recv, limiter);
    }

    /**
     * A sink job's receivers, one per client identity, shared by all of that client's connections:
     * the kept listing ({@link ListingSnapshot}) and what the receiver changed since belong to the
     * client, so a listing taken on one connection never answers for a filesystem another
     * connection received into or destroyed in. Throws like {@link #forSink} for an identity that
     * cannot be a dataset name component.
     */
    public static Function<String, Receiver> forSinkClients(Zfs zfs, String jobName, DatasetPath rootFs,
                                                            RecvOptions recv, BandwidthLimiter limiter) {
        Map<String, ZfsReceiver> byClient = new ConcurrentHashMap<>();
        return identity -> byClient.computeIfAbsent(identity,
                id -> forSink(zfs, jobName, rootFs, id, recv, limiter));
    }

    public DatasetPath root() {
        return root;
    }

    @Override
    public PingResponse ping(PingRequest request) {
        return new PingResponse(request.message());
    }

    @Override
    public ListFilesystemsResponse listFilesystems() throws IOException {
        List<FilesystemEntry> out = new ArrayList<>();
        long started = listing.now();
        List<DatasetInfo> tree;
        try {
            tree = zfs.listTree(root);
        } catch (DatasetNotFoundException e) {
            listing.replace(List.of(), started);
            return new ListFilesystemsResponse(List.of());
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("listing " + root, e);
        }
        for (DatasetInfo d : tree) {
            if (d.path().depth() > root.depth()) {
                out.add(new FilesystemEntry(ReceivePath.unmap(root, d.path()), decoded(d),
                        d.placeholder(), d.encrypted()));
            }
        }
        listing.replace(tree, started);
        return new ListFilesystemsResponse(out);
    }

    /**
     * The dataset's resume token as {@link ResumeTokenDecoder} decodes it; null when there is none,
     * or when it cannot be decoded (the partial state is then useless: the next full or incremental
     * receive clears it).
     */
    private static ResumeTokenInfo decoded(DatasetInfo d) {
        if (d.resumeToken().isEmpty()) {
            return null;
        }
        try {
            return ResumeTokenInfo.of(ResumeTokenDecoder.decode(d.resumeToken().get()));
        } catch (IllegalArgumentException e) {
            LOG.warn("resume token of {} cannot be decoded, ignoring it: {}", d.path(), LogText.escape(e.getMessage()));
            return null;
        }
    }

    /**
     * Versions of the mapped filesystem; none when it does not exist (yet). From the recent
     * {@code listFilesystems} listing when it shows the filesystem ({@link ListingSnapshot}).
     */
    @Override
    public ListVersionsResponse listFilesystemVersions(FilesystemRequest request) throws IOException {
        DatasetPath fs = ReceivePath.map(root, request.filesystem());
        Optional<DatasetInfo> recent = listing.lookup(fs, ListingSnapshot.Use.VERSIONS);
        Optional<DatasetInfo> ds = recent.isPresent() ? recent : Versions.find(zfs, fs);
        return new ListVersionsResponse(ds.map(Versions::wire).orElse(List.of()));
    }

    @Override
    public void receive(ReceiveRequest request, InputStream stream) throws IOException {
        DatasetPath target = ReceivePath.map(root, request.filesystem());
        try {
            receiveInto(target, request, stream);
        } finally {
            listing.changed(target);
        }
    }

    private void receiveInto(DatasetPath target, ReceiveRequest request, InputStream stream) throws IOException {
        NameLimits.checkSnapshot(target, request.to().name());
        Optional<DatasetInfo> before = prepare(target, request.from() == null);
        String to = target.name() + "@" + request.to().name();
        if (request.clearResumeToken() && before.flatMap(DatasetInfo::resumeToken).isPresent()) {
            before = discardPartial(target);
        }
        boolean replacePlaceholder = before.isPresent() && before.get().placeholder()
                && before.get().snapshots().isEmpty();
        boolean incremental = before.isPresent() && !before.get().placeholder();
        try {
            // the type decides which properties apply: our own listing's, else what zfs will create
            StreamHeader.Peeked peeked = StreamHeader.peek(limiter.wrap(stream));
            DatasetType type = before.isPresent() ? before.get().type()
                    : peeked.type().orElse(DatasetType.FILESYSTEM);
            ReceiveProperties props = ReceiveProperties.of(recv, type, !incremental);
            boolean force = replacePlaceholder && placeholders.makeWay(before.get(), peeked.raw(), to);
            zfs.recv(RecvArgs.of(target).withForce(force)
                    .withProperties(props.exclude(), props.override()), peeked.stream());
        } catch (ResumeTokenException e) {
            throw new EndpointException(EndpointException.BAD_RESUME_TOKEN, "zfs recv into " + target
                    + " cannot resume: " + e.getMessage());
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("zfs recv of " + to, e);
        } catch (EndpointException e) {
            throw e;
        } catch (IOException streamBroke) {
            if (holds(request, incremental)) {
                settleAfterBreak(target, request, before, streamBroke);
            }
            throw streamBroke;
        }
        List<FilesystemVersion> previous = before.map(DatasetInfo::snapshots).orElse(List.of());
        if (holds(request, incremental)) {
            lastReceived.verifyAndMove(target, request.to(), previous);
        } else {
            lastReceived.verify(target, request.to());
        }
    }

    /** Whether the step's protection guarantee holds the received snapshot. */
    private static boolean holds(ReceiveRequest request, boolean incremental) {
        ProtectionGuarantee g = incremental ? request.replicationConfig().incremental()
                : request.replicationConfig().initial();
        return g != ProtectionGuarantee.GUARANTEE_NOTHING;
    }

    /**
     * The stream broke, perhaps after zfs had all of it: a snapshot that arrived whole gets its
     * last-received hold (see {@link LastReceivedHold#moveIfArrived}); the break is still the
     * step's error, since the sender never heard the receive end.
     */
    private void settleAfterBreak(DatasetPath target, ReceiveRequest request, Optional<DatasetInfo> before,
                                  IOException streamBroke) {
        try {
            if (lastReceived.moveIfArrived(target, request.to(), before.map(DatasetInfo::snapshots).orElse(List.of()))) {
                LOG.info("the stream into {} broke after zfs had all of it: @{} arrived whole and holds the"
                        + " last-received hold", target, LogText.escape(request.to().name()));
            }
        } catch (EndpointException e) {
            streamBroke.addSuppressed(e);
        }
    }

    /**
     * Discards the partial receive into {@code target} ({@code zfs recv -A}) and returns the target
     * as it is then: a partial full receive into a new filesystem is gone with it, so what follows
     * is a receive into a new filesystem, with the properties of one.
     */
    private Optional<DatasetInfo> discardPartial(DatasetPath target) throws EndpointException {
        try {
            zfs.recvAbort(target);
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("discarding the partial receive into " + target + " (zfs recv -A)", e);
        }
        LOG.info("discarded the partial receive into {}: the driver sends another step instead", target);
        return Versions.find(zfs, target);
    }

    /**
     * The target as it is before the receive, its missing parents created as placeholders. For a
     * full stream, which usually makes a new filesystem, the parents are looked up while the
     * target is (a failed lookup ahead only matters when they are needed, and is then repeated).
     */
    private Optional<DatasetInfo> prepare(DatasetPath target, boolean fullStream) throws EndpointException {
        Placeholders.Ancestors[] ahead = new Placeholders.Ancestors[1];
        Optional<DatasetInfo> before = !fullStream ? Versions.find(zfs, target)
                : Parallel.call("jzrepl-parents " + target, () -> Versions.find(zfs, target), () -> {
                    try {
                        ahead[0] = placeholders.lookUp(target);
                    } catch (EndpointException e) {
                        LOG.debug("looking up the parents of {} ahead failed: {}", target, e.getMessage());
                    }
                });
        if (before.isEmpty()) {
            placeholders.ensureParents(ahead[0] != null ? ahead[0] : placeholders.lookUp(target));
        }
        return before;
    }

    /**
     * Destroys snapshots of the mapped filesystem; refuses its newest snapshot, the base of the
     * next incremental step (zfs itself refuses those carrying holds, such as last-received).
     */
    @Override
    public DestroySnapshotsResponse destroySnapshots(DestroySnapshotsRequest request) throws IOException {
        DatasetPath fs = ReceivePath.map(root, request.filesystem());
        try {
            return Destroyer.destroy(zfs, fs, request.snapshots(), ds -> {
                List<FilesystemVersion> snaps = ds.snapshots();
                return snaps.isEmpty() ? Map.of() : Map.of(snaps.get(snaps.size() - 1).name(),
                        "refused: the newest received snapshot is the base of the next incremental replication");
            });
        } finally {
            listing.changed(fs);
        }
    }
}
