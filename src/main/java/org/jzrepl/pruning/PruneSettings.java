package org.jzrepl.pruning;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard one prune run tries (beyond zrepl, which tries each filesystem once per run): a
 * filesystem that failed (listing, or a destroy zfs refused other than for a hold) is planned and
 * destroyed again after {@code firstBackoff}, then twice as long each time up to
 * {@code maxBackoff}, at most {@code attempts} times in all.
 *
 * @param attempts     tries per filesystem in one run, at least 1
 * @param firstBackoff wait before the second try
 * @param maxBackoff   the longest wait between tries
 */
public record PruneSettings(int attempts, Duration firstBackoff, Duration maxBackoff) {

    /** Three tries, 10 s then 20 s apart. */
    public static final PruneSettings DEFAULT = new PruneSettings(3, Duration.ofSeconds(10), Duration.ofMinutes(1));

    public PruneSettings {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= first <= max, got " + firstBackoff
                    + " and " + maxBackoff);
        }
    }

    /** The wait before try {@code attempt} (from 2). */
    public Duration backoffBefore(int attempt) {
        Duration d = firstBackoff;
        for (int i = 2; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
