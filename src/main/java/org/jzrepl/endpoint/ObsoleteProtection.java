package org.jzrepl.endpoint;

import java.util.ArrayList;
import java.util.List;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.FilesystemVersion;

/**
 * What completing a send step on {@code to} makes obsolete, decided from the sender's listing of
 * the filesystem ({@link StepProtection#afterStep}): this job's (and client's) older cursors and
 * tentative cursors, and the snapshots that may still carry step holds of earlier steps whose
 * completion was lost. Pure functions over the listing.
 */
final class ObsoleteProtection {

    private ObsoleteProtection() {
    }

    /**
     * The names of this job's (and client's) bookmarks the cursor on {@code to} makes obsolete:
     * older cursors and tentative cursors up to {@code to}. Other jobs', other clients', job-only
     * (when {@code client} is set) and zrepl's bookmarks are never touched.
     *
     * @param client the client part of the names, null for job-only names
     */
    static List<String> bookmarks(DatasetInfo ds, FilesystemVersion to, String job, String client) {
        List<String> obsolete = new ArrayList<>();
        for (FilesystemVersion b : ds.bookmarks()) {
            var parsed = AbstractionNames.parseBookmark(b.name());
            if (parsed.isEmpty() || parsed.get().foreign() || !parsed.get().job().equals(job)
                    || !parsed.get().client().equals(java.util.Optional.ofNullable(client))) {
                continue;
            }
            boolean old = switch (parsed.get().type()) {
                case CURSOR -> b.createTxg() < to.createTxg();
                case TENTATIVE_CURSOR -> b.createTxg() <= to.createTxg();
                default -> false;
            };
            if (old) {
                obsolete.add(b.name());
            }
        }
        return obsolete;
    }

    /**
     * Snapshots whose step hold earlier steps left behind when their {@code sendCompleted} was lost
     * (the connection cut after the receive): the cursor then stayed behind, and the next step
     * started from the receiver's newest, so those holds would never be released. When the oldest
     * cursor this step makes obsolete is not at this step's {@code from}, every snapshot from that
     * cursor up to {@code to} (other than this step's own) may carry such a hold: one or more steps
     * ran between them. In the ordinary case (the cursor at {@code from}) there is none, and no
     * command is spent. Steps of one job and client on one filesystem run one after the other, so
     * no other step of this tag can need those holds; the new cursor on {@code to} keeps the base.
     */
    static List<FilesystemVersion> leftovers(DatasetInfo ds, List<String> obsolete, FilesystemVersion from,
                                              List<FilesystemVersion> held, FilesystemVersion to) {
        FilesystemVersion oldestCursor = null;
        for (FilesystemVersion v : ds.versions()) {
            if (v.isBookmark() && obsolete.contains(v.name())
                    && (oldestCursor == null || v.createTxg() < oldestCursor.createTxg())) {
                oldestCursor = v;
            }
        }
        if (oldestCursor == null) {
            return List.of();
        }
        if (from != null && from.guid().equals(oldestCursor.guid())) {
            return List.of();
        }
        long since = oldestCursor.createTxg();
        List<FilesystemVersion> out = new ArrayList<>();
        for (FilesystemVersion v : ds.versions()) {
            if (v.isSnapshot() && v.createTxg() >= since && v.createTxg() < to.createTxg()
                    && held.stream().noneMatch(h -> h.guid().equals(v.guid()))) {
                out.add(v);
            }
        }
        return out;
    }
}
