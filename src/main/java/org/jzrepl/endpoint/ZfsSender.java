package org.jzrepl.endpoint;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.JobConfig;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.SendOptions;
import org.jzrepl.endpoint.Messages.DestroySnapshotsRequest;
import org.jzrepl.endpoint.Messages.DestroySnapshotsResponse;
import org.jzrepl.endpoint.Messages.FilesystemRequest;
import org.jzrepl.endpoint.Messages.ListFilesystemsResponse;
import org.jzrepl.endpoint.Messages.ListVersionsResponse;
import org.jzrepl.endpoint.Messages.PingRequest;
import org.jzrepl.endpoint.Messages.PingResponse;
import org.jzrepl.endpoint.Messages.ReplicationCursorResponse;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.rpc.Streamed;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.Zfs;

/**
 * The {@link Sender} on local ZFS for one job (a source serving pulls, or a push job's own side).
 * Serves only filesystems its filter selects; every request is checked against the datasets
 * (see {@link SendCheck}) before zfs runs. A send then starts {@code zfs send} and, while it
 * starts up, estimates the stream size (unless the client knows it) and protects the step
 * ({@link StepProtection}) in parallel; no byte of the stream is read before both succeeded,
 * and when either failed the send is killed. Protection left by a failed estimate is idempotent
 * and dropped by a later completion or {@code release-stale}. Its only state besides the zfs
 * adapter is the last {@code listFilesystems} listing ({@link ListingSnapshot}), which answers
 * planning's questions for a short while (never a send's, a cursor move's or a destroy's checks):
 * thread-safe. A source job serves each client identity through {@link #forClient}, whose
 * holds and cursors carry the identity; push and snap jobs use the job-only names. The steps are
 * {@link SendStep}'s, the listings {@link SenderListing}'s, the reading of cursor bookmarks
 * {@link CursorBookmarks}'.
 */
public final class ZfsSender implements Sender {

    private final Zfs zfs;
    private final String job;
    private final FilesystemFilter filter;
    private final SendStep steps;
    private final String client;        // the client part of its names, or null
    private final String identity;      // the client identity its names are made of, or null
    private final Predicate<String> configured;   // client parts a source job's config still names
    private final SenderListing listing;          // shared by a source job's clients

    /** Sends with {@code flags}; encrypted datasets only when {@code flags.raw()}. */
    public ZfsSender(Zfs zfs, String jobName, FilesystemFilter filter, SendFlags flags) {
        this(zfs, jobName, filter, flags, false);
    }

    /** @param requireEncrypted {@code send.encrypted}: refuse to send datasets that are not encrypted */
    public ZfsSender(Zfs zfs, String jobName, FilesystemFilter filter, SendFlags flags, boolean requireEncrypted) {
        this(zfs, jobName, filter, flags, requireEncrypted, BandwidthLimiter.UNLIMITED);
    }

    /** @param limiter the job's {@code send.bandwidth_limit}, applied to every send stream */
    public ZfsSender(Zfs zfs, String jobName, FilesystemFilter filter, SendFlags flags, boolean requireEncrypted,
                     BandwidthLimiter limiter) {
        Objects.requireNonNull(limiter, "limiter");
        this.zfs = Objects.requireNonNull(zfs, "zfs");
        this.job = AbstractionNames.checkJob(jobName);
        this.filter = Objects.requireNonNull(filter, "filter");
        SendCheck check = new SendCheck(zfs, Objects.requireNonNull(flags, "flags"), requireEncrypted);
        this.steps = new SendStep(zfs, check, new StepProtection(zfs, jobName), limiter);
        this.client = null;
        this.identity = null;
        this.configured = part -> true;
        this.listing = new SenderListing(zfs, filter);
    }

    private ZfsSender(ZfsSender job, String identity, Predicate<String> configured) {
        this.zfs = job.zfs;
        this.job = job.job;
        this.filter = job.filter;
        this.client = identity == null ? null : AbstractionNames.clientPart(job.job, identity);
        this.identity = identity;
        // the job's checks and bandwidth bucket, shared by its clients
        this.steps = identity == null ? job.steps : job.steps.withProtection(new StepProtection(zfs, job.job, identity));
        this.configured = configured;
        this.listing = job.listing;
    }

    /**
     * This source job's sender for one client identity: the same filesystems and checks, with step
     * holds and cursors named for the client.
     *
     * @throws IllegalArgumentException if {@code identity} cannot be part of a name
     */
    public ZfsSender forClient(String identity) {
        return new ZfsSender(this, Objects.requireNonNull(identity, "identity"), configured);
    }

    /**
     * A source job's sender: the cursors of clients its {@code serve} no longer admits (removed
     * from the config) stay protected as cursors, but no longer hold {@code not_replicated} back.
     * A client part shortened with a hash cannot be checked, and counts as configured.
     */
    public static ZfsSender fromConfig(Zfs zfs, JobConfig.Source source) {
        ZfsSender s = fromOptions(zfs, source.name(), source.filesystems(), source.send());
        return new ZfsSender(s, null, part -> source.serve().admits(part)
                || AbstractionNames.mayBeShortened(source.name(), part));
    }

    public static ZfsSender fromConfig(Zfs zfs, JobConfig.Push push) {
        return fromOptions(zfs, push.name(), push.filesystems(), push.send());
    }

    private static ZfsSender fromOptions(Zfs zfs, String name, FilesystemFilter filter, SendOptions o) {
        return new ZfsSender(zfs, name, filter, sendFlags(o), o.encrypted(), BandwidthLimiter.of(o.bandwidthLimit()));
    }

    /** {@code send.encrypted} or {@code send.raw} → {@code -w}; the other options one to one. */
    public static SendFlags sendFlags(SendOptions o) {
        return new SendFlags(o.encrypted() || o.raw(), o.sendProperties(), o.backupProperties(), o.largeBlocks(),
                o.compressed(), o.embeddedData());
    }

    @Override
    public PingResponse ping(PingRequest request) {
        return new PingResponse(request.message());
    }

    /**
     * The filesystems the filter selects, from one recursive listing of the filter's roots with
     * their versions, which then answers the version listings and cursor questions of planning
     * for a short while ({@link ListingSnapshot}).
     */
    @Override
    public ListFilesystemsResponse listFilesystems() throws IOException {
        return listing.listFilesystems();
    }

    @Override
    public ListVersionsResponse listFilesystemVersions(FilesystemRequest request) throws IOException {
        return new ListVersionsResponse(Versions.wire(listing.listed(allowed(request.path()), ListingSnapshot.Use.VERSIONS)));
    }

    @Override
    public Streamed<SendResponse> send(SendRequest request) throws IOException {
        checkNames(request);
        DatasetPath fs = allowed(request.path());
        try {
            return steps.start(request, fs);
        } finally {
            listing.changed(fs);                // a tentative cursor may have been placed
        }
    }

    @Override
    public SendResponse sendDry(SendRequest request) throws IOException {
        checkNames(request);
        return steps.dry(request, listing.listed(allowed(request.path()), ListingSnapshot.Use.DRY_RUN));
    }

    /**
     * Moves the cursor to the step's {@code to}: the cursor bookmark is placed while the dataset is
     * listed (and withdrawn if the listing shows {@code to} is not the version the request names),
     * then the step's protection is dropped.
     */
    @Override
    public void sendCompleted(SendCompletedRequest request) throws IOException {
        DatasetPath fs = allowed(request.originalRequest().path());
        try {
            steps.complete(request.originalRequest(), fs);
        } finally {
            listing.changed(fs);
        }
    }

    /**
     * This client's cursor and every configured client's of this job (each its newest). The job-only cursor
     * of a source job (from before per-client names) counts as a client only while no per-client
     * cursor exists on the filesystem: after the upgrade it would otherwise hold
     * {@code not_replicated} back for good (it stays protected as a cursor all the same). From the
     * recent listing when there is one: a cursor older than the real one only keeps more snapshots,
     * and the destroy itself refuses every snapshot a cursor points at, on a fresh listing.
     */
    @Override
    public ReplicationCursorResponse replicationCursor(FilesystemRequest request) throws IOException {
        DatasetInfo ds = listing.listed(allowed(request.path()), ListingSnapshot.Use.CURSOR);
        return CursorBookmarks.of(ds, job, client, configured);
    }

    /**
     * Destroys snapshots of a filesystem the filter selects; refuses every snapshot a replication
     * cursor bookmark points at (any job's, zrepl's too): it is the incremental base of that
     * cursor's target, whatever a client's keep rules say.
     */
    @Override
    public DestroySnapshotsResponse destroySnapshots(DestroySnapshotsRequest request) throws IOException {
        DatasetPath fs = allowed(DatasetPath.parse(request.filesystem()));
        try {
            return Destroyer.destroy(zfs, fs, request.snapshots(), CursorBookmarks::atCursors);
        } finally {
            listing.changed(fs);
        }
    }

    /**
     * The cursor bookmarks this step leaves, named as this sender names them (a source job's client
     * carries its identity), must fit ZFS's name limit (all guids have the same length).
     */
    private void checkNames(SendRequest r) throws EndpointException {
        DatasetPath fs = allowed(r.path());
        Guid any = new Guid(0);
        NameLimits.checkBookmarks(fs, SendStep.guarantee(r) == ProtectionGuarantee.GUARANTEE_INCREMENTAL
                ? List.of(AbstractionNames.cursor(any, job, identity), AbstractionNames.tentativeCursor(any, job, identity))
                : List.of(AbstractionNames.cursor(any, job, identity)));
    }

    private DatasetPath allowed(DatasetPath fs) throws EndpointException {
        if (!filter.matches(fs)) {
            throw EndpointErrors.notAllowed(fs, job);
        }
        return fs;
    }
}
