package org.jzrepl.zfs;

import java.util.Objects;
import java.util.Optional;
import org.jzrepl.util.LogText;

/**
 * What to send: a full stream of {@code filesystem@to}, an incremental one from a snapshot or
 * bookmark to {@code to}, or the rest of an interrupted stream named by a receiver's resume token.
 * A resumed send takes its flags from the token ({@code zfs send -t} accepts no others); {@code to}
 * still names the snapshot the token was validated against.
 */
public record SendArgs(DatasetPath filesystem, Optional<VersionRef> from, String to,
                       Optional<String> resumeToken, SendFlags flags) {

    public SendArgs {
        Objects.requireNonNull(filesystem, "filesystem");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(resumeToken, "resumeToken");
        Objects.requireNonNull(flags, "flags");
        VersionRef.checkName(to);
        if (from.isPresent() && from.get().isSnapshot() && from.get().name().equals(to)) {
            throw new IllegalArgumentException("incremental send from @" + to + " to itself");
        }
        if (resumeToken.isPresent() && !ResumeToken.isWellFormed(resumeToken.get())) {
            throw new IllegalArgumentException("malformed resume token '" + LogText.escape(resumeToken.get(), 200) + "'");
        }
    }

    public static SendArgs full(DatasetPath fs, String to, SendFlags flags) {
        return new SendArgs(fs, Optional.empty(), to, Optional.empty(), flags);
    }

    public static SendArgs incremental(DatasetPath fs, VersionRef from, String to, SendFlags flags) {
        return new SendArgs(fs, Optional.of(from), to, Optional.empty(), flags);
    }

    /** Resumes with {@code token}; {@code fs@to} is the snapshot the token was checked to name. */
    public static SendArgs resume(DatasetPath fs, String to, String token) {
        return new SendArgs(fs, Optional.empty(), to, Optional.of(token), SendFlags.NONE);
    }

    public boolean isResume() {
        return resumeToken.isPresent();
    }

    /** {@code pool/fs@to}. */
    public String toName() {
        return filesystem.name() + "@" + to;
    }
}
