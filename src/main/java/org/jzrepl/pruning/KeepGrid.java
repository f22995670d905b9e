package org.jzrepl.pruning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jzrepl.config.GridSpec;

/**
 * {@code grid}: thins the snapshots whose name matches {@code regex} out along a retention grid,
 * as zrepl's {@code retentiongrid} does. Snapshots that do not match are not kept by this rule.
 *
 * <p>"Now" is the creation time of the newest matching snapshot, not the clock. Buckets are laid
 * backwards from it: bucket 1 holds creation times in {@code (now - len1, now]}, bucket 2 in
 * {@code (now - len1 - len2, now - len1]}, and so on; a snapshot exactly on a boundary belongs to
 * the older bucket. Each bucket keeps its {@code keep} oldest snapshots (all with
 * {@code keep=all}); snapshots older than the last bucket are not kept.
 *
 * <p>Buckets are computed per group by division, never expanded, so {@code 1000000x1h} costs no
 * memory; spans too long for a {@link Duration} reach back indefinitely.
 */
public final class KeepGrid implements Keep {
    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

    private final GridSpec grid;
    private final Pattern regex;
    private final long buckets;

    public KeepGrid(GridSpec grid, Pattern regex) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.regex = Objects.requireNonNull(regex, "regex");
        long n = 0;
        for (GridSpec.Group g : grid.groups()) {
            n += g.count();
        }
        this.buckets = n;
    }

    @Override
    public String type() {
        return "grid";
    }

    /** A bucket: its index from 0 (newest) and how many it keeps. */
    private record Slot(long index, int keep) {
    }

    @Override
    public Optional<Map<PruneCandidate, String>> keeps(List<PruneCandidate> snapshots) {
        List<PruneCandidate> matching = new ArrayList<>();
        Instant now = null;
        for (PruneCandidate c : snapshots) {
            if (regex.matcher(c.name()).find()) {
                matching.add(c);
                now = now == null || c.creation().isAfter(now) ? c.creation() : now;
            }
        }
        TreeMap<Long, List<PruneCandidate>> byBucket = new TreeMap<>();
        Map<Long, Integer> keepOf = new HashMap<>();
        for (PruneCandidate c : matching) {
            Slot s = slot(Duration.between(c.creation(), now));
            if (s != null) {
                byBucket.computeIfAbsent(s.index(), k -> new ArrayList<>()).add(c);
                keepOf.put(s.index(), s.keep());
            }
        }
        Map<PruneCandidate, String> why = new HashMap<>();
        for (Map.Entry<Long, List<PruneCandidate>> e : byBucket.entrySet()) {
            List<PruneCandidate> inBucket = e.getValue();
            inBucket.sort(PruneCandidate.OLDEST_FIRST);
            int keep = keepOf.get(e.getKey());
            int n = keep == GridSpec.KEEP_ALL ? inBucket.size() : Math.min(keep, inBucket.size());
            for (int i = 0; i < n; i++) {
                why.put(inBucket.get(i), "bucket " + (e.getKey() + 1) + " of " + buckets);
            }
        }
        Map<PruneCandidate, String> kept = new LinkedHashMap<>();
        for (PruneCandidate c : snapshots) {
            if (why.containsKey(c)) {
                kept.put(c, why.get(c));
            }
        }
        return Optional.of(kept);
    }

    /** The bucket of a snapshot {@code age} before now, or null if it is older than the grid. */
    private Slot slot(Duration age) {
        Duration start = Duration.ZERO;
        long base = 0;
        for (GridSpec.Group g : grid.groups()) {
            Duration end = saturatedPlus(start, saturatedTimes(g.length(), g.count()));
            if (age.compareTo(end) < 0) {
                return new Slot(base + age.minus(start).dividedBy(g.length()), g.keep());
            }
            if (end.equals(FOREVER)) {
                return null;
            }
            start = end;
            base += g.count();
        }
        return null;
    }

    private static Duration saturatedTimes(Duration d, long n) {
        try {
            return d.multipliedBy(n);
        } catch (ArithmeticException e) {
            return FOREVER;
        }
    }

    private static Duration saturatedPlus(Duration a, Duration b) {
        try {
            Duration sum = a.plus(b);
            return sum.compareTo(FOREVER) > 0 ? FOREVER : sum;
        } catch (ArithmeticException e) {
            return FOREVER;
        }
    }

    @Override
    public String toString() {
        return "grid " + grid.format() + " regex " + regex.pattern();
    }
}
