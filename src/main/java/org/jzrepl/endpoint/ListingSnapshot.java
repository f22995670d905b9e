package org.jzrepl.endpoint;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;

/**
 * An endpoint's last recursive listing (datasets with their snapshots and bookmarks), kept for a
 * while so that the per-filesystem questions that follow a {@code listFilesystems} (the planner's
 * and the pruner's version listings, the pruner's cursor question, a size estimate's check) cost
 * no zfs command each: with many filesystems, one {@code zfs list -r} replaces one
 * {@code zfs list -d 1} (and a {@code zfs get}) per filesystem.
 *
 * <p>It only ever answers questions whose answer is a point-in-time view anyway: planning works
 * from a listing that may be outdated by the time it acts. Nothing that acts (send, receive,
 * hold, bookmark, destroy) asks it: those re-check names and guids against a fresh listing.
 * A listing answers any question within {@link #SHORT_AGE} of its end; after that, until
 * {@link #LONG_AGE}, each filesystem once per kind of question ({@link Use}): one planning pass
 * over many filesystems on a slow machine takes minutes, and asks each filesystem once. It never
 * answers for a filesystem this endpoint changed (a receive, a send's protection, a cursor move, a
 * destroy) after the listing started, nor for one the listing did not show; the caller then lists
 * that filesystem on its own. Thread-safe.
 */
final class ListingSnapshot {

    /** Within this time after its end a listing answers every question. */
    static final Duration SHORT_AGE = Duration.ofSeconds(60);
    /** Until this time after its end a listing answers each filesystem once per {@link Use}. */
    static final Duration LONG_AGE = Duration.ofMinutes(10);

    /** The kinds of question, each answered once per filesystem after {@link #SHORT_AGE}. */
    enum Use { VERSIONS, CURSOR, DRY_RUN }

    private record Asked(DatasetPath fs, Use use) {
    }

    private final LongSupplier nanoTime;
    private final long shortAge;
    private final long longAge;
    private Map<DatasetPath, DatasetInfo> datasets = Map.of();
    private long startedAt;
    private long endedAt;
    private boolean present;
    /** When this endpoint last changed each filesystem (nanoTime), while the kept listing may predate it. */
    private final Map<DatasetPath, Long> changedAt = new HashMap<>();
    private final Set<Asked> asked = new HashSet<>();

    ListingSnapshot() {
        this(System::nanoTime, SHORT_AGE, LONG_AGE);
    }

    ListingSnapshot(LongSupplier nanoTime, Duration shortAge, Duration longAge) {
        this.nanoTime = nanoTime;
        this.shortAge = shortAge.toNanos();
        this.longAge = longAge.toNanos();
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
        asked.clear();
        changedAt.values().removeIf(t -> t - startedAt < 0);      // older than every listing to come
    }

    /** {@code fs} as the kept listing shows it, for a question of kind {@code use}, when it may answer (above). */
    synchronized Optional<DatasetInfo> lookup(DatasetPath fs, Use use) {
        if (!present) {
            return Optional.empty();
        }
        long age = now() - endedAt;
        Long changed = changedAt.get(fs);
        DatasetInfo ds = datasets.get(fs);
        if (age > longAge || ds == null || changed != null && changed - startedAt >= 0) {
            return Optional.empty();
        }
        boolean first = asked.add(new Asked(fs, use));
        return first || age <= shortAge ? Optional.of(ds) : Optional.empty();
    }

    /** This endpoint changed {@code fs} (call it when the change is done): listings from before do not answer for it. */
    synchronized void changed(DatasetPath fs) {
        changedAt.put(fs, now());
    }
}
