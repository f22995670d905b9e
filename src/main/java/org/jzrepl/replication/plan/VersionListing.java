package org.jzrepl.replication.plan;

import java.util.List;
import org.jzrepl.zfs.FilesystemVersion;

/** Formats version lists for conflict messages: oldest first, long lists cut in the middle. */
final class VersionListing {

    /** Lists longer than this show their first and last {@link #EDGE} entries only. */
    static final int MAX_FULL = 10;
    static final int EDGE = 4;
    private static final String INDENT = "    ";

    private VersionListing() {
    }

    /** Appends {@code "  <title> (<n>):"} and one indented line per version. */
    static void append(StringBuilder sb, String title, List<FilesystemVersion> versions) {
        sb.append("\n  ").append(title).append(" (").append(versions.size()).append("):");
        if (versions.isEmpty()) {
            sb.append("\n").append(INDENT).append("(none)");
            return;
        }
        if (versions.size() <= MAX_FULL) {
            versions.forEach(v -> line(sb, v));
            return;
        }
        versions.subList(0, EDGE).forEach(v -> line(sb, v));
        sb.append("\n").append(INDENT).append("... ").append(versions.size() - 2 * EDGE).append(" more ...");
        versions.subList(versions.size() - EDGE, versions.size()).forEach(v -> line(sb, v));
    }

    /** Both sides, sender first, under the standard titles. */
    static void bothSides(StringBuilder sb, List<FilesystemVersion> sender, List<FilesystemVersion> receiver) {
        append(sb, "sender versions, oldest first", sender);
        append(sb, "receiver versions, oldest first", receiver);
    }

    private static void line(StringBuilder sb, FilesystemVersion v) {
        sb.append("\n").append(INDENT).append(v);
    }
}
