package org.jzrepl.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * When a snapper ticks next, and what its schedule has to say about it for the status.
 *
 * @param at                      the next tick; may be in the past: then tick at once
 * @param skippedTicks            cron ticks that fell while the last tick ran (not taken)
 * @param errors                  what went wrong deciding it, each for the status and the log:
 *                                filesystems left out of sync-up (a snapshot from the future, a
 *                                failed listing) or zrepl's "cron frequency is too high" error
 * @param waitingWithoutSnapshots filesystems without a prefixed snapshot that sync-up leaves
 *                                unsnapshotted until {@code at} (zrepl warns about them)
 */
public record NextTick(Instant at, int skippedTicks, List<String> errors, List<String> waitingWithoutSnapshots) {

    public NextTick {
        Objects.requireNonNull(at, "at");
        errors = List.copyOf(errors);
        waitingWithoutSnapshots = List.copyOf(waitingWithoutSnapshots);
        if (skippedTicks < 0) {
            throw new IllegalArgumentException("negative skipped ticks " + skippedTicks);
        }
    }

    /** A tick at {@code at} with nothing to report. */
    public static NextTick at(Instant at) {
        return new NextTick(at, 0, List.of(), List.of());
    }

    /** How long to wait from {@code now}: zero if {@code at} has passed. */
    public Duration delay(Instant now) {
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
