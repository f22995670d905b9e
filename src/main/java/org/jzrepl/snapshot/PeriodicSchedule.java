package org.jzrepl.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jzrepl.util.LogText;
import org.jzrepl.zfs.FilesystemVersion;

/**
 * When a {@code periodic} snapper ticks, as zrepl's {@code daemon/snapper/periodic.go} decides it.
 *
 * <p><b>Sync-up</b> (at start, {@link #syncPoint}): for each selected filesystem, its newest
 * snapshot whose name starts with the prefix (newest by createtxg) plus the interval. The
 * earliest of these over the filesystems that have such a snapshot is the sync point; only if
 * none has one is it "now". A sync point in the past means: tick at once. A filesystem whose
 * listing failed or whose newest prefixed snapshot was created after "now" is left out with an
 * error; if that happens to every filesystem, sync-up fails.
 *
 * <p><b>After that</b> ({@link #nextTick}): the start of the previous tick (or of the failed
 * sync-up) plus the interval, whether the tick succeeded or not.
 */
public final class PeriodicSchedule {

    /** zrepl warns about filesystems without snapshots only if the wait is longer than this. */
    public static final Duration WAIT_WARNING_THRESHOLD = Duration.ofSeconds(1);

    /** One selected filesystem as sync-up sees it: its versions, or why they could not be listed. */
    public sealed interface Listing {
        String filesystem();
    }

    /** The filesystem's snapshots and bookmarks (any prefix; filtered here). */
    public record Listed(String filesystem, List<FilesystemVersion> versions) implements Listing {
        public Listed {
            Objects.requireNonNull(filesystem, "filesystem");
            versions = List.copyOf(versions);
        }
    }

    /** Listing the filesystem's snapshots failed with {@code error}. */
    public record ListFailed(String filesystem, String error) implements Listing {
        public ListFailed {
            Objects.requireNonNull(filesystem, "filesystem");
            Objects.requireNonNull(error, "error");
        }
    }

    /** A filesystem left out of sync-up, and why (for the log and the status report). */
    public record Problem(String filesystem, String message) {
    }

    /**
     * The outcome of sync-up. {@code at} may be in the past (tick at once, see {@link #delay});
     * {@code waitingWithoutSnapshots} are the filesystems with no prefixed snapshot that will
     * not be snapshotted before {@code at} (zrepl warns about them when the wait is over 1 s).
     */
    public record SyncPoint(Instant at, List<Problem> problems, List<String> waitingWithoutSnapshots) {
        public SyncPoint {
            problems = List.copyOf(problems);
            waitingWithoutSnapshots = List.copyOf(waitingWithoutSnapshots);
        }

        /** How long to sleep from {@code now}: zero if the sync point has passed. */
        public Duration delay(Instant now) {
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        }
    }

    /** Sync-up found no filesystem it could use; the snapper waits an interval and tries again. */
    public static final class SyncUpException extends Exception {
        private final List<Problem> problems;

        SyncUpException(List<Problem> problems) {
            super("cannot determine the sync point: it failed for every selected filesystem: "
                    + String.join("; ", problems.stream().map(p -> p.filesystem() + ": " + p.message()).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private PeriodicSchedule() {
    }

    /** The sync point for the selected filesystems' listings; see the class comment. */
    public static SyncPoint syncPoint(List<Listing> listings, String prefix, Duration interval, Instant now)
            throws SyncUpException {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        List<Problem> problems = new ArrayList<>();
        List<String> withoutSnapshots = new ArrayList<>();
        Instant earliest = null;
        for (Listing listing : listings) {
            if (listing instanceof ListFailed f) {
                problems.add(new Problem(f.filesystem(), "list filesystem versions: " + f.error()));
                continue;
            }
            Listed l = (Listed) listing;
            Optional<FilesystemVersion> newest = newestPrefixed(l.versions(), prefix);
            if (newest.isEmpty()) {
                withoutSnapshots.add(l.filesystem());
                continue;
            }
            Instant creation = newest.get().creation();
            if (creation.isAfter(now)) {
                problems.add(new Problem(l.filesystem(), "snapshot " + LogText.escape(l.filesystem() + "@"
                        + newest.get().name(), 300) + " is from the future: creation=" + creation + " now=" + now
                        + " (check the clock of this host)"));
                continue;
            }
            Instant candidate = creation.plus(interval);
            if (earliest == null || candidate.isBefore(earliest)) {
                earliest = candidate;
            }
        }
        if (!listings.isEmpty() && problems.size() == listings.size()) {
            throw new SyncUpException(problems);
        }
        if (earliest == null) {
            return new SyncPoint(now, problems, List.of());
        }
        boolean warn = Duration.between(now, earliest).compareTo(WAIT_WARNING_THRESHOLD) > 0;
        return new SyncPoint(earliest, problems, warn ? withoutSnapshots : List.of());
    }

    /** The newest snapshot (by createtxg; on a tie the later listed) whose name starts with prefix. */
    static Optional<FilesystemVersion> newestPrefixed(List<FilesystemVersion> versions, String prefix) {
        FilesystemVersion newest = null;
        for (FilesystemVersion v : versions) {
            if (v.isSnapshot() && v.name().startsWith(prefix)
                    && (newest == null || v.createTxg() >= newest.createTxg())) {
                newest = v;
            }
        }
        return Optional.ofNullable(newest);
    }

    /** The next tick after one that started (or a sync-up that failed) at {@code lastStart}. */
    public static Instant nextTick(Instant lastStart, Duration interval) {
        return lastStart.plus(interval);
    }
}
