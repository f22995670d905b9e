package org.jzrepl.replication.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.ResumeToken;

/**
 * The receiver holds a partial receive whose token does not fit the sender's versions (zrepl's
 * "resume token toguid not found on sender"). jzrepl's default: never abort a partial receive on
 * its own, never silently start another send next to it; report the token and tell the operator
 * the command. With {@code conflict_resolution.unresumable_partial_receive: abort} the planner
 * discards a partial receive whose source is gone instead of reporting it.
 */
public record ResumeTokenMismatch(DatasetPath fs, ResumeToken token, Reason reason,
                                  List<FilesystemVersion> senderVersions,
                                  List<FilesystemVersion> receiverVersions) implements Conflict {

    /** Why the token cannot be resumed. */
    public enum Reason {
        /** The token's toname names another filesystem (or is malformed). */
        OTHER_FILESYSTEM,
        /** No sender snapshot has the token's toguid (destroyed, or only a bookmark is left). */
        TO_NOT_ON_SENDER,
        /** The token is incremental and no sender snapshot or bookmark has its fromguid. */
        FROM_NOT_ON_SENDER,
        /** The sender's version with the fromguid is not older than the one with the toguid. */
        FROM_NOT_OLDER
    }

    private static final int TOKEN_SHOWN = 24;

    public ResumeTokenMismatch {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(reason, "reason");
        senderVersions = List.copyOf(senderVersions);
        receiverVersions = List.copyOf(receiverVersions);
    }

    @Override
    public String summary() {
        String head = fs + ": the receiver's partial receive of " + token.toName() + " cannot be resumed: ";
        return head + switch (reason) {
            case OTHER_FILESYSTEM -> "its resume token is not for this filesystem";
            case TO_NOT_ON_SENDER -> "the sender has no snapshot with its toguid " + token.toGuid()
                    + senderBookmarkWithToGuid().map(b -> " (only the bookmark " + b + " is left)").orElse("");
            case FROM_NOT_ON_SENDER -> "the sender has no snapshot or bookmark with its fromguid "
                    + token.fromGuid().map(Object::toString).orElse("?");
            case FROM_NOT_OLDER -> "on the sender its fromguid " + token.fromGuid().map(Object::toString).orElse("?")
                    + " is not older than its toguid " + token.toGuid();
        };
    }

    private Optional<String> senderBookmarkWithToGuid() {
        return senderVersions.stream()
                .filter(v -> v.isBookmark() && v.guid().equals(token.toGuid()))
                .map(FilesystemVersion::relativeName)
                .findFirst();
    }

    @Override
    public String message() {
        String text = token.token();
        String shown = text.length() <= TOKEN_SHOWN ? text : text.substring(0, TOKEN_SHOWN) + "...";
        StringBuilder sb = new StringBuilder(summary())
                .append(". jzrepl does not discard a partial receive by itself: on the receiver, run"
                        + " zfs recv -A ROOT/").append(fs).append(", ROOT being the receiving job's root_fs (a sink's"
                        + " root_fs/<client identity>), to abort it (the partial data is lost, received snapshots"
                        + " are kept); the next run then plans from the receiver's snapshots.")
                .append(reason == Reason.TO_NOT_ON_SENDER || reason == Reason.FROM_NOT_ON_SENDER
                        ? " Or set conflict_resolution.unresumable_partial_receive: abort and jzrepl does so itself."
                        : "")
                .append("\n  resume token: toname ").append(token.toName())
                .append(", toguid ").append(token.toGuid())
                .append(", fromguid ").append(token.fromGuid().map(Object::toString).orElse("none (full send)"))
                .append(", token ").append(shown);
        VersionListing.bothSides(sb, senderVersions, receiverVersions);
        return sb.toString();
    }
}
