package org.jzrepl.replication.driver;

import java.time.Duration;
import java.util.Objects;

/**
 * The waits between reconnect tries: exponential (doubling from {@code first} up to {@code max})
 * with jitter, so that jobs whose connections failed together (a server restart, a connect storm)
 * do not all dial again at the same instant. Each wait is drawn uniformly from the upper half of
 * its exponential step ("equal jitter"): never shorter than half the step, so retries still back
 * off, and spread over the other half. Pure: the random draw is a parameter.
 */
final class ReconnectBackoff {
    private final Duration first;
    private final Duration max;

    /** @param first the first step, positive; @param max the largest step, at least {@code first} */
    ReconnectBackoff(Duration first, Duration max) {
        this.first = Objects.requireNonNull(first, "first");
        this.max = Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
        }
    }

    /** The exponential step before try {@code failures + 1}: first * 2^failures, capped at max. */
    Duration step(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative: " + failures);
        }
        Duration d = first;
        for (int i = 0; i < failures && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) < 0 ? d : max;
    }

    /**
     * The wait after {@code failures} failed tries.
     *
     * @param random a uniform draw from [0, 1)
     */
    Duration delay(int failures, double random) {
        if (!(random >= 0 && random < 1)) {
            throw new IllegalArgumentException("random must be in [0, 1): " + random);
        }
        long step = step(failures).toNanos();
        return Duration.ofNanos(step / 2 + (long) (random * (step - step / 2)));
    }
}
