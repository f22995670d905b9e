package org.jzrepl.endpoint;

import java.util.Optional;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.ResumeToken;
import org.jzrepl.zfs.SendArgs;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * The sender's checks of one send request, turning it into validated {@link SendArgs}:
 * {@code to} and {@code from} exist with the guids the request names and {@code from} is older;
 * the encryption rule holds (an encrypted dataset is only sent raw, so no plaintext leaves a
 * dataset the owner encrypted; with {@code send.encrypted} an unencrypted one is refused); a
 * resume token is decoded by zfs and must fit the request ({@link ResumeTokenCheck}).
 */
final class SendCheck {

    /** Far above any real token (a few hundred characters); stops absurd input before zfs sees it. */
    static final int MAX_TOKEN_LENGTH = 64 * 1024;

    record Checked(DatasetInfo ds, FilesystemVersion from, FilesystemVersion to, SendArgs args, boolean resumed) {
    }

    private final Zfs zfs;
    private final SendFlags flags;
    private final boolean requireEncrypted;

    SendCheck(Zfs zfs, SendFlags flags, boolean requireEncrypted) {
        this.zfs = zfs;
        this.flags = flags;
        this.requireEncrypted = requireEncrypted;
    }

    Checked check(DatasetPath fs, SendRequest r) throws EndpointException {
        DatasetInfo ds = Versions.require(zfs, fs);
        FilesystemVersion to = Versions.require(ds, r.to());
        FilesystemVersion from = r.from() == null ? null : Versions.require(ds, r.from());
        if (from != null && from.createTxg() >= to.createTxg()) {
            throw new EndpointException(EndpointException.VERSION_MISMATCH, "incremental source "
                    + from.fullName(fs) + " is not older than " + to.fullName(fs));
        }
        checkEncryption(ds);
        if (r.resumeToken() != null) {
            ResumeToken t = decode(r.resumeToken());
            Optional<Guid> fromGuid = from == null ? Optional.empty() : Optional.of(from.guid());
            Optional<String> why = ResumeTokenCheck.mismatch(t, fs, to.guid(), fromGuid, flags.raw());
            if (why.isPresent()) {
                throw new EndpointException(EndpointException.BAD_RESUME_TOKEN, why.get());
            }
            return new Checked(ds, from, to, SendArgs.resume(fs, to.name(), t.token()), true);
        }
        SendArgs args = from == null ? SendArgs.full(fs, to.name(), flags)
                : SendArgs.incremental(fs, from.ref(), to.name(), flags);
        return new Checked(ds, from, to, args, false);
    }

    /** zfs's estimate of the stream size ({@code send -nvP}). */
    long estimate(Checked c) throws EndpointException {
        try {
            return zfs.estimateSize(c.args());
        } catch (ZfsException e) {
            String code = c.resumed() ? EndpointException.BAD_RESUME_TOKEN : null;
            EndpointException mapped = EndpointErrors.zfs("estimating zfs send of " + c.args().toName(), e);
            throw code == null || mapped.code().equals(EndpointException.ZFS_BUSY) ? mapped
                    : new EndpointException(code, mapped.getMessage());
        }
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

    private ResumeToken decode(String token) throws EndpointException {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || !token.matches("[0-9a-zA-Z-]+")) {
            throw new EndpointException(EndpointException.BAD_RESUME_TOKEN, "malformed resume token ("
                    + token.length() + " characters; expected 1.." + MAX_TOKEN_LENGTH + " of [0-9a-zA-Z-])");
        }
        try {
            return zfs.decodeResumeToken(token);
        } catch (ZfsException e) {
            throw new EndpointException(EndpointException.BAD_RESUME_TOKEN, "cannot decode resume token: "
                    + e.getMessage());
        }
    }
}
