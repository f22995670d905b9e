package org.jzrepl.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.util.LogText;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.ResumeTokenException;
import org.jzrepl.zfs.StreamHeader;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ZfsReceiver}'s receive of one step into a mapped target: the target prepared (missing
 * parents created as placeholders, a partial receive discarded on request, a placeholder made way
 * for), {@code zfs recv} with the properties of the target's type, then the received snapshot
 * verified and given the last-received hold ({@link LastReceivedHold}), also when the stream broke
 * after zfs had all of it. No mutable state: thread-safe.
 */
final class ReceiveStep {
    // logs as the receiver it serves: the same logger name as before the split
    private static final Logger LOG = LoggerFactory.getLogger(ZfsReceiver.class);

    private final Zfs zfs;
    private final RecvOptions recv;
    private final Placeholders placeholders;
    private final LastReceivedHold lastReceived;
    private final BandwidthLimiter limiter;

    ReceiveStep(Zfs zfs, RecvOptions recv, Placeholders placeholders, LastReceivedHold lastReceived,
                BandwidthLimiter limiter) {
        this.zfs = zfs;
        this.recv = recv;
        this.placeholders = placeholders;
        this.lastReceived = lastReceived;
        this.limiter = limiter;
    }

    /** Receives {@code stream} into {@code target} (the mapped filesystem) and moves the last-received hold. */
    void receive(DatasetPath target, ReceiveRequest request, InputStream stream) throws IOException {
        NameLimits.checkSnapshot(target, request.to().name());
        Optional<DatasetInfo> before = prepare(target, request.from() == null);
        String to = target.name() + "@" + request.to().name();
        if (request.clearResumeToken() && before.flatMap(DatasetInfo::resumeToken).isPresent()) {
            before = discardPartial(target);
        }
        boolean replacePlaceholder = before.isPresent() && before.get().placeholder()
                && before.get().snapshots().isEmpty();
        boolean incremental = before.isPresent() && !before.get().placeholder();
        boolean hold = holds(request, incremental);
        List<FilesystemVersion> previous = before.map(DatasetInfo::snapshots).orElse(List.of());
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
            if (hold) {
                settleAfterBreak(target, request, previous, streamBroke);
            }
            throw streamBroke;
        }
        if (hold) {
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
    private void settleAfterBreak(DatasetPath target, ReceiveRequest request, List<FilesystemVersion> previous,
                                  IOException streamBroke) {
        try {
            if (lastReceived.moveIfArrived(target, request.to(), previous)) {
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
}
