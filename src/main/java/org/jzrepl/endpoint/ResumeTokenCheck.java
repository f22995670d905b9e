package org.jzrepl.endpoint;

import java.util.Optional;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.ResumeToken;
import org.jzrepl.zfs.SendDryRun;

/**
 * Checks a resume token against the send request it arrived with, twice. The token comes from
 * the remote side, so nothing in it is trusted. First its fields as jzrepl decoded them
 * ({@link org.jzrepl.zfs.ResumeTokenDecoder}): it must name this filesystem, the requested
 * {@code to} snapshot (by guid), the requested {@code from} (or none for a full send), and the
 * raw-ness this sender is configured for (a raw token on a non-raw sender would send ciphertext
 * the receiver did not ask for; a non-raw one on a raw sender would send plaintext). Then what
 * zfs itself resolved the token to in a dry run: exactly the requested snapshot, and for an
 * incremental a version of this filesystem with the requested source's guid. zfs looks the
 * token's guids up across the whole pool, so both must hold before anything is sent. Pure.
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

    /**
     * @param dry  what {@code zfs send -n -v -P -t TOKEN} said it would send
     * @param ds   the requested filesystem as listed
     * @param from the requested incremental source, empty for a full send
     * @return why zfs's resolution differs from the request, or empty when it matches
     */
    public static Optional<String> resolvedMismatch(SendDryRun dry, DatasetInfo ds, FilesystemVersion to,
                                                    Optional<FilesystemVersion> from) {
        String want = to.fullName(ds.path());
        if (!dry.to().equals(want)) {
            return Optional.of("zfs resolves the resume token to " + dry.to() + ", not to the requested " + want);
        }
        if (from.isEmpty() != dry.from().isEmpty()) {
            return Optional.of(from.isEmpty() ? "zfs resolves the resume token to an incremental send from "
                    + dry.from().get() + " but the request is a full send"
                    : "zfs resolves the resume token to a full send but the request is incremental");
        }
        if (from.isPresent()) {
            Guid expected = from.get().guid();
            boolean same = ds.versions().stream().anyMatch(v -> v.fullName(ds.path()).equals(dry.from().get())
                    && v.guid().equals(expected));
            if (!same) {
                return Optional.of("zfs resolves the resume token's incremental source to " + dry.from().get()
                        + ", not to a version of " + ds.path() + " with the requested guid " + expected);
            }
        }
        return Optional.empty();
    }
}
