package org.jzrepl.endpoint;

import java.util.Optional;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.ResumeToken;

/**
 * Checks a decoded resume token against the send request it arrived with. The token comes from
 * the remote side, so nothing in it is trusted: it must name this filesystem, the requested
 * {@code to} snapshot (by guid), the requested {@code from} (or none for a full send), and the
 * raw-ness this sender is configured for (a raw token on a non-raw sender would send ciphertext
 * the receiver did not ask for; a non-raw one on a raw sender would send plaintext). Pure.
 */
public final class ResumeTokenCheck {

    private ResumeTokenCheck() {
    }

    /**
     * @param from the requested incremental source's guid, empty for a full send
     * @param raw  whether this sender sends raw ({@code -w})
     * @return why the token does not fit, or empty when it does
     */
    public static Optional<String> mismatch(ResumeToken t, DatasetPath fs, Guid to, Optional<Guid> from, boolean raw) {
        DatasetPath tokenFs;
        try {
            tokenFs = t.toFilesystem();
        } catch (IllegalArgumentException e) {
            return Optional.of("resume token names '" + t.toName() + "', not a snapshot: " + e.getMessage());
        }
        if (!tokenFs.equals(fs)) {
            return Optional.of("resume token is for " + t.toName() + ", not for filesystem " + fs);
        }
        if (!t.toGuid().equals(to)) {
            return Optional.of("resume token toguid " + t.toGuid() + " differs from the requested snapshot's guid " + to);
        }
        if (from.isEmpty() && t.fromGuid().isPresent()) {
            return Optional.of("resume token is incremental (fromguid " + t.fromGuid().get()
                    + ") but the request is a full send");
        }
        if (from.isPresent() && t.fromGuid().isEmpty()) {
            return Optional.of("resume token is for a full send but the request is incremental from guid " + from.get());
        }
        if (from.isPresent() && !from.equals(t.fromGuid())) {
            return Optional.of("resume token fromguid " + t.fromGuid().get() + " differs from the requested"
                    + " incremental source's guid " + from.get());
        }
        if (t.raw() != raw) {
            return Optional.of(t.raw()
                    ? "resume token is for a raw (encrypted) send but this sender is not configured to send raw"
                    : "resume token is for a non-raw send but this sender sends raw (send.encrypted/raw):"
                            + " resuming would send decrypted data");
        }
        return Optional.empty();
    }
}
