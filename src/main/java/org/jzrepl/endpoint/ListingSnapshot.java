package org.jzrepl.endpoint;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;

/**
 * An endpoint's last recursive listing (datasets with their snapshots and bookmarks), kept for a
 * short time so that the per-filesystem questions that follow a {@code listFilesystems} (the
 * planner's and the pruner's version listings, the pruner's cursor question) cost no zfs command
 * each: with many filesystems, one {@code zfs list -r} replaces one {@code zfs list -d 1} (and a
 * {@code zfs get}) per filesystem.
 *
 * <p>It only ever answers questions whose answer is a point-in-time view anyway: planning works
 * from a listing that may be outdated by the time it acts. Nothing that acts (send, receive,
 * hold, bookmark, destroy) asks it: those re-check names and guids against a fresh listing.
 * A filesystem's entry is not used after {@link #MAX_AGE} from the end of the listing, nor once
 * this endpoint changed that filesystem (a receive, a cursor move, a destroy) after the listing
 * started; the caller then lists that filesystem on its own. A filesystem the listing did not
 * show is not answered either (the caller's own listing decides whether it exists). Thread-safe.
 */
final class ListingSnapshot {

    /** How long after it ended a listing answers: about the time planning and the size estimates of a run take. */
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    /** How many times {@link #MAX_AGE} a listing answers a dry run's check. */
    static final int DRY_RUN_AGE_FACTOR = 10;

    private final LongSupplier nanoTime;
    private final long maxAgeNanos;
    private Map<DatasetPath, DatasetInfo> datasets = Map.of();
    private long startedAt;
    private long endedAt;
    private boolean present;
    /** When this endpoint last changed each filesystem (nanoTime), while the kept listing may predate it. */
    private final Map<DatasetPath, Long> changedAt = new HashMap<>();

    ListingSnapshot() {
        this(System::nanoTime, MAX_AGE);
    }

    ListingSnapshot(LongSupplier nanoTime, Duration maxAge) {
        this.nanoTime = nanoTime;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The current time on this snapshot's clock: pass it to {@link #replace} as the listing's start. */
    long now() {
        return nanoTime.getAsLong();
    }

    /** Keeps {@code listing}, a listing that started at {@code startedAt} ({@link #now()}) and ended now. */
    synchronized void replace(Collection<DatasetInfo> listing, long startedAt) {
        Map<DatasetPath, DatasetInfo> byPath = new HashMap<>();
        listing.forEach(d -> byPath.put(d.path(), d));
        long ended = now();
        if (present && startedAt - this.startedAt < 0) {
            return;                     // a listing that started later is already kept
        }
        datasets = byPath;
        this.startedAt = startedAt;
        this.endedAt = ended;
        present = true;
        changedAt.values().removeIf(t -> t - startedAt < 0);      // older than every listing to come
    }

    /** {@code fs} as the kept listing shows it, if that listing is recent and {@code fs} unchanged since. */
    Optional<DatasetInfo> lookup(DatasetPath fs) {
        return lookup(fs, maxAgeNanos);
    }

    /**
     * {@link #lookup(DatasetPath)} for a size estimate, which sends nothing: a listing up to
     * {@link #DRY_RUN_AGE_FACTOR} times the maximum age answers (the estimates of a run with many
     * steps take longer than its planning). A stale answer only makes zfs estimate or refuse.
     */
    Optional<DatasetInfo> lookupForDryRun(DatasetPath fs) {
        return lookup(fs, maxAgeNanos * DRY_RUN_AGE_FACTOR);
    }

    private synchronized Optional<DatasetInfo> lookup(DatasetPath fs, long maxAge) {
        if (!present || now() - endedAt > maxAge) {
            return Optional.empty();
        }
        Long changed = changedAt.get(fs);
        if (changed != null && changed - startedAt >= 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(datasets.get(fs));
    }

    /** This endpoint changed {@code fs} (call it when the change is done): listings from before do not answer for it. */
    synchronized void changed(DatasetPath fs) {
        changedAt.put(fs, now());
    }
}
