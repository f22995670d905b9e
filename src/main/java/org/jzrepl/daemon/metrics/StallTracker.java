package org.jzrepl.daemon.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Tells, per filesystem, whether its running step is stalled: its byte count has not moved for
 * {@code after}, as seen by successive samples. A new step (another {@code to}, attempt or byte
 * count going back) starts the clock again. Thread-safe.
 */
final class StallTracker {
    private final Duration after;
    private final Map<String, Seen> seen = new HashMap<>();

    private record Seen(String step, long bytes, Instant since) {
    }

    StallTracker(Duration after) {
        this.after = Objects.requireNonNull(after, "after");
    }

    /**
     * Records a sample and says whether the step is stalled.
     *
     * @param fs    the filesystem
     * @param step  an identity of the running step (attempt and target), null when none runs
     * @param bytes its byte count now
     * @param now   the sample's time
     */
    synchronized boolean sample(String fs, String step, long bytes, Instant now) {
        if (step == null) {
            seen.remove(fs);
            return false;
        }
        Seen s = seen.get(fs);
        if (s == null || !s.step().equals(step) || s.bytes() != bytes) {
            seen.put(fs, new Seen(step, bytes, now));
            return false;
        }
        return !Duration.between(s.since(), now).minus(after).isNegative();
    }
}
