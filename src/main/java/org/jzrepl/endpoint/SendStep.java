package org.jzrepl.endpoint;

import java.io.IOException;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.rpc.Streamed;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.SendStream;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * A {@link ZfsSender}'s steps: a checked send started with its size estimate and its
 * {@link StepProtection} in parallel, a dry run, and a completion that moves the cursor. One per
 * job, or per client of a source job (its protection names the client); the checks and the
 * bandwidth bucket are the job's. Stateless besides those: thread-safe.
 */
final class SendStep {

    private final Zfs zfs;
    private final SendCheck check;
    private final StepProtection protection;
    private final BandwidthLimiter limiter;

    SendStep(Zfs zfs, SendCheck check, StepProtection protection, BandwidthLimiter limiter) {
        this.zfs = zfs;
        this.check = check;
        this.protection = protection;
        this.limiter = limiter;
    }

    /** The same job's steps, protected under {@code clientProtection}'s (a client's) names. */
    SendStep withProtection(StepProtection clientProtection) {
        return new SendStep(zfs, check, clientProtection, limiter);
    }

    /** Checks the request against {@code fs} as it is now, then starts the send. */
    Streamed<SendResponse> start(SendRequest request, DatasetPath fs) throws IOException {
        return startSend(request, check.check(fs, request));
    }

    private Streamed<SendResponse> startSend(SendRequest request, SendCheck.Checked c) throws IOException {
        SendStream s;
        try {
            s = zfs.send(c.args());
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("starting zfs send of " + c.args().toName(), e);
        }
        Parallel.Action<EndpointException> protect =
                () -> protection.beforeStep(guarantee(request), c.ds().path(), c.from(), c.to());
        long size = -1;
        try {
            if (request.sizeKnown()) {
                protect.run();
            } else {
                size = Parallel.call("jzrepl-protect " + c.ds().path(), () -> check.estimate(c), protect);
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return new Streamed<>(new SendResponse(c.resumed(), size),
                limiter.wrap(new SendStreamInput(s, "zfs send of " + c.args().toName())));
    }

    /** Checks the request against {@code ds} (perhaps from a recent listing) and estimates the stream. */
    SendResponse dry(SendRequest request, DatasetInfo ds) throws IOException {
        SendCheck.Checked c = check.check(ds, request);
        return new SendResponse(c.resumed(), check.estimate(c));
    }

    /** Moves the cursor of {@code fs} to the step's {@code to}, then drops the step's protection. */
    void complete(SendRequest orig, DatasetPath fs) throws IOException {
        FilesystemVersion expected = orig.to().toVersion();
        boolean[] placed = new boolean[1];
        DatasetInfo ds;
        try {
            ds = Parallel.<DatasetInfo, IOException>call("jzrepl-cursor " + fs, () -> Versions.require(zfs, fs),
                    () -> placed[0] = protection.placeCursor(fs, expected));
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("moving the replication cursor of " + fs + " to " + expected.relativeName(), e);
        }
        FilesystemVersion to;
        try {
            to = Versions.require(ds, orig.to());
        } catch (EndpointException e) {
            if (placed[0]) {
                try {
                    protection.withdrawCursor(fs, expected);
                } catch (ZfsException w) {
                    e.addSuppressed(w);
                }
            }
            throw e;
        }
        FilesystemVersion from = null;
        if (orig.from() != null) {
            from = ds.versions().stream().filter(v -> v.type() == orig.from().type()
                    && v.name().equals(orig.from().name())).findFirst().orElse(null);
        }
        protection.afterStep(ds, from, to);
    }

    /** The step's guarantee: the initial one for a full send, else the incremental one. */
    static ProtectionGuarantee guarantee(SendRequest r) {
        return r.from() == null ? r.replicationConfig().initial() : r.replicationConfig().incremental();
    }
}
