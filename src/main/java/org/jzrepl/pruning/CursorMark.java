package org.jzrepl.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jzrepl.endpoint.AbstractionNames;
import org.jzrepl.endpoint.AbstractionType;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;

/**
 * A replication cursor bookmark found on a sender's filesystem: whose it is ({@code job}, the
 * {@code _J_} part of its name), the guid it carries, whether it is a tentative cursor (a step to
 * it may be in flight) and whether zrepl made it. Each one stands for a target whose incremental
 * base has that guid, so protection treats every one alike, whatever job made it.
 */
public record CursorMark(String job, Guid guid, boolean tentative, boolean foreign, String client) {

    public CursorMark {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(guid, "guid");
    }

    /** A job-only cursor (push, snap, zrepl, or a source job's from before per-client names). */
    public CursorMark(String job, Guid guid, boolean tentative, boolean foreign) {
        this(job, guid, tentative, foreign, null);
    }

    /** The cursor and tentative cursor bookmarks among {@code versions}, in input order. */
    public static List<CursorMark> of(List<FilesystemVersion> versions) {
        List<CursorMark> out = new ArrayList<>();
        for (FilesystemVersion v : versions) {
            if (!v.isBookmark()) {
                continue;
            }
            AbstractionNames.parseBookmark(v.name()).ifPresent(p -> {
                if (p.type() == AbstractionType.CURSOR || p.type() == AbstractionType.TENTATIVE_CURSOR) {
                    // the bookmark's own guid, not the one in its name: that is what a target has
                    out.add(new CursorMark(p.job(), v.guid(), p.type() == AbstractionType.TENTATIVE_CURSOR,
                            p.foreign(), p.client().orElse(null)));
                }
            });
        }
        return List.copyOf(out);
    }

    /**
     * "replication cursor of job J", "replication cursor of client C of job J", "tentative cursor of
     * zrepl job J (a step to it may be in flight)".
     */
    public String describe() {
        String owner = (client == null ? "" : "client " + client + " of ") + (foreign ? "zrepl job " : "job ") + job;
        return tentative ? "tentative cursor of " + owner + " (a step to it may be in flight)"
                : "replication cursor of " + owner;
    }
}
