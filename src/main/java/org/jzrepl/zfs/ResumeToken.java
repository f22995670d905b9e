package org.jzrepl.zfs;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A receiver's {@code receive_resume_token} together with the fields {@link ResumeTokenDecoder}
 * decodes from it (never from what {@code zfs send -nvt} prints). The token comes from the remote
 * side: the sender decodes it itself and validates every field against its own datasets before it
 * sends anything. Values built from the wire ({@code endpoint.Messages}) are only as good as the
 * peer: {@link #toFilesystem()} re-checks the name.
 *
 * @param token        the opaque token text, passed back to {@code zfs send -t}
 * @param toName       full name of the snapshot being sent, {@code pool/fs@snap}
 * @param toGuid       guid of that snapshot
 * @param fromGuid     guid of the incremental source, empty for a full send
 * @param raw          the stream is a raw (encrypted) send ({@code rawok})
 * @param compressed   {@code compressok}
 * @param embedded     {@code embedok}
 * @param largeBlocks  {@code largeblockok}
 */
public record ResumeToken(String token, String toName, Guid toGuid, Optional<Guid> fromGuid,
                          boolean raw, boolean compressed, boolean embedded, boolean largeBlocks) {

    private static final Pattern WELL_FORMED = Pattern.compile("[0-9]+-[0-9a-fA-F]+(-[0-9a-fA-F]+)*");

    public ResumeToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(toName, "toName");
        Objects.requireNonNull(toGuid, "toGuid");
        Objects.requireNonNull(fromGuid, "fromGuid");
        if (token.isBlank()) {
            throw new IllegalArgumentException("empty resume token");
        }
    }

    /** True if {@code text} has the shape of a token ({@code 1-hex-hex-hex}): safe to pass to zfs. */
    public static boolean isWellFormed(String text) {
        return text != null && WELL_FORMED.matcher(text).matches();
    }

    public boolean isIncremental() {
        return fromGuid.isPresent();
    }

    /** The dataset part of {@link #toName()}; throws IllegalArgumentException unless it is a valid snapshot name. */
    public DatasetPath toFilesystem() {
        ResumeTokenFields.checkSnapshotName(toName);
        return DatasetPath.parse(toName.substring(0, toName.indexOf('@')));
    }
}
