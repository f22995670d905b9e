package org.jzrepl.endpoint;

import java.util.Optional;
import java.util.OptionalLong;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.ResumeToken;
import org.jzrepl.zfs.ResumeTokenDecoder;
import org.jzrepl.zfs.SendArgs;
import org.jzrepl.zfs.SendDryRun;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * The sender's checks of one send request, turning it into validated {@link SendArgs}:
 * {@code to} and {@code from} exist with the guids the request names and {@code from} is older;
 * the encryption rule holds (an encrypted dataset is only sent raw, so no plaintext leaves a
 * dataset the owner encrypted; with {@code send.encrypted} an unencrypted one is refused). A
 * resume token is decoded here ({@link ResumeTokenDecoder}, not by zfs), its fields must fit the
 * request, and a dry run must show zfs resolves it to exactly the requested snapshot
 * ({@link ResumeTokenCheck}); that dry run's size is kept as the estimate.
 */
final class SendCheck {

    /**
     * @param estimate the dry run's size when the check already ran one (resumed sends)
     */
    record Checked(DatasetInfo ds, FilesystemVersion from, FilesystemVersion to, SendArgs args, boolean resumed,
                   OptionalLong estimate) {
    }

    private final Zfs zfs;
    private final SendFlags flags;
    private final boolean requireEncrypted;

    SendCheck(Zfs zfs, SendFlags flags, boolean requireEncrypted) {
        this.zfs = zfs;
        this.flags = flags;
        this.requireEncrypted = requireEncrypted;
    }

    /** Checks {@code r} against a fresh listing of {@code fs}: for a send, which acts on what it checks. */
    Checked check(DatasetPath fs, SendRequest r) throws EndpointException {
        return check(Versions.require(zfs, fs), r);
    }

    /**
     * Checks {@code r} against {@code ds} as listed: a fresh listing for a send; for a dry run,
     * which sends nothing, also a kept one ({@link ListingSnapshot}).
     */
    Checked check(DatasetInfo ds, SendRequest r) throws EndpointException {
        DatasetPath fs = ds.path();
        FilesystemVersion to = Versions.require(ds, r.to());
        FilesystemVersion from = r.from() == null ? null : Versions.require(ds, r.from());
        if (from != null && from.createTxg() >= to.createTxg()) {
            throw new EndpointException(EndpointException.VERSION_MISMATCH, "incremental source "
                    + from.fullName(fs) + " is not older than " + to.fullName(fs));
        }
        checkEncryption(ds);
        if (r.resumeToken() != null) {
            return resume(ds, from, to, r.resumeToken());
        }
        SendArgs args = from == null ? SendArgs.full(fs, to.name(), flags)
                : SendArgs.incremental(fs, from.ref(), to.name(), flags);
        return new Checked(ds, from, to, args, false, OptionalLong.empty());
    }

    /** The decoded token must fit the request, and so must what zfs resolves it to. */
    private Checked resume(DatasetInfo ds, FilesystemVersion from, FilesystemVersion to, String token)
            throws EndpointException {
        ResumeToken t = decode(token);
        Optional<Guid> fromGuid = from == null ? Optional.empty() : Optional.of(from.guid());
        Optional<String> why = ResumeTokenCheck.mismatch(t, ds.path(), to.guid(), fromGuid, flags.raw());
        if (why.isPresent()) {
            throw new EndpointException(EndpointException.BAD_RESUME_TOKEN, why.get());
        }
        SendArgs args = SendArgs.resume(ds.path(), to.name(), t.token());
        SendDryRun dry;
        try {
            dry = zfs.dryRun(args);
        } catch (ZfsException e) {
            throw estimateFailed(args, true, e);
        }
        why = ResumeTokenCheck.resolvedMismatch(dry, ds, to, Optional.ofNullable(from));
        if (why.isPresent()) {
            throw new EndpointException(EndpointException.BAD_RESUME_TOKEN, why.get());
        }
        return new Checked(ds, from, to, args, true, OptionalLong.of(dry.size()));
    }

    /** zfs's estimate of the stream size ({@code send -nvP}), unless the check already has it. */
    long estimate(Checked c) throws EndpointException {
        if (c.estimate().isPresent()) {
            return c.estimate().getAsLong();
        }
        try {
            return zfs.estimateSize(c.args());
        } catch (ZfsException e) {
            throw estimateFailed(c.args(), c.resumed(), e);
        }
    }

    private static EndpointException estimateFailed(SendArgs args, boolean resumed, ZfsException e) {
        EndpointException mapped = EndpointErrors.zfs("estimating zfs send of " + args.toName(), e);
        return !resumed || mapped.code().equals(EndpointException.ZFS_BUSY) ? mapped
                : new EndpointException(EndpointException.BAD_RESUME_TOKEN, mapped.getMessage());
    }

    private void checkEncryption(DatasetInfo ds) throws EndpointException {
        if (ds.encrypted() && !flags.raw()) {
            throw new EndpointException(EndpointException.REFUSED, ds.path() + " is encrypted; sending it"
                    + " without send.encrypted (or send.raw) would send its data decrypted. Refused.");
        }
        if (requireEncrypted && !ds.encrypted()) {
            throw new EndpointException(EndpointException.REFUSED, "send.encrypted is set but " + ds.path()
                    + " is not encrypted. Refused.");
        }
    }

    private static ResumeToken decode(String token) throws EndpointException {
        try {
            return ResumeTokenDecoder.decode(token);
        } catch (IllegalArgumentException e) {
            throw new EndpointException(EndpointException.BAD_RESUME_TOKEN, "cannot decode resume token: "
                    + e.getMessage());
        }
    }
}
