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
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.ResumeTokenDecoder;
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
 * planning's version listings for a short while (a receive and a destroy list afresh): thread-safe
 * (two receives into siblings may both create a shared placeholder parent). The receive itself is
 * {@link ReceiveStep}'s.
 */
public final class ZfsReceiver implements Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(ZfsReceiver.class);

    private final Zfs zfs;
    private final DatasetPath root;
    private final ReceiveStep step;
    private final StaleHoldRepair staleHolds;
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
        Objects.requireNonNull(limiter, "limiter");
        this.zfs = Objects.requireNonNull(zfs, "zfs");
        String job = AbstractionNames.checkJob(jobName);
        this.root = Objects.requireNonNull(root, "root");
        Objects.requireNonNull(recv, "recv");
        this.staleHolds = new StaleHoldRepair(zfs, job);
        this.step = new ReceiveStep(zfs, recv, new Placeholders(zfs, mustExist, recv.placeholderEncryption()),
                new LastReceivedHold(zfs, job), limiter);
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
            step.receive(target, request, stream);
        } finally {
            listing.changed(target);
        }
    }

    /**
     * Destroys snapshots of the mapped filesystem; refuses its newest snapshot, the base of the
     * next incremental step (zfs itself refuses those carrying holds, such as last-received). A
     * stale last-received hold of this job is released and its snapshot destroyed after all
     * ({@link StaleHoldRepair}).
     */
    @Override
    public DestroySnapshotsResponse destroySnapshots(DestroySnapshotsRequest request) throws IOException {
        DatasetPath fs = ReceivePath.map(root, request.filesystem());
        String[] newest = new String[1];
        try {
            DestroySnapshotsResponse r = Destroyer.destroy(zfs, fs, request.snapshots(), ds -> {
                List<FilesystemVersion> snaps = ds.snapshots();
                if (snaps.isEmpty()) {
                    return Map.of();
                }
                newest[0] = snaps.get(snaps.size() - 1).name();
                return Map.of(newest[0],
                        "refused: the newest received snapshot is the base of the next incremental replication");
            });
            return staleHolds.repair(fs, newest[0], r);
        } finally {
            listing.changed(fs);
        }
    }
}
