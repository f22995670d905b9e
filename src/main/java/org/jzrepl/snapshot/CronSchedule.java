package org.jzrepl.snapshot;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;
import org.jzrepl.config.CronSpec;

/**
 * When a {@code cron} snapper ticks. The line is matched against wall-clock time in a zone
 * (zrepl: the daemon's local zone, robfig/cron without {@code CRON_TZ}); {@link CronSpec}
 * holds the fields and the matching rules (day-of-month OR day-of-week when both are
 * restricted, as robfig does).
 *
 * <p><b>Daylight saving time</b>, where jzrepl deliberately differs from robfig/cron v3:
 * <ul>
 * <li>a wall time that spring-forward skips (02:30 in Berlin on the last Sunday of March) fires
 *     once, at the transition (03:00 CEST); robfig never fires it that day;</li>
 * <li>a wall time that fall-back repeats (02:30 in Berlin on the last Sunday of October) fires
 *     once, at its first occurrence (02:30 CEST); robfig fires an hourly line in both copies
 *     of the hour and a daily 01:00 line in New York twice.</li>
 * </ul>
 * Each matching wall time fires at most once, and {@link #next} is monotone: a later
 * {@code after} never yields an earlier tick.
 *
 * <p><b>Overlap</b> ({@link #afterTick}): a tick that comes while the previous one still runs
 * is skipped and counted, as zrepl does ("cron frequency is too high; snapshots were not taken
 * N times"); the count starts again with each tick that runs.
 */
public final class CronSchedule {

    /** {@link #afterTick} stops counting skipped ticks here (one per second for 11 days). */
    public static final int MAX_COUNTED = 1_000_000;

    /** What follows a tick that ran from start to end: ticks skipped meanwhile, and the next. */
    public record AfterTick(int skipped, ZonedDateTime next) {
        /** zrepl's status error for the skipped ticks, if any. */
        public Optional<String> statusError() {
            return skipped == 0 ? Optional.empty()
                    : Optional.of("cron frequency is too high; snapshots were not taken " + skipped + " times");
        }
    }

    private CronSchedule() {
    }

    /** The first tick strictly after {@code after}, in {@code zone}. */
    public static ZonedDateTime next(CronSpec spec, Instant after, ZoneId zone) {
        LocalDateTime cursor = LocalDateTime.ofInstant(after, zone);
        while (true) {
            ZonedDateTime match = spec.next(cursor.atZone(ZoneOffset.UTC));
            if (match == null) {
                throw new IllegalStateException("cron line '" + spec.text() + "' matches no time within 9 years after "
                        + cursor);
            }
            LocalDateTime wall = match.toLocalDateTime();
            Instant fires = firingInstant(wall, zone);
            if (fires.isAfter(after)) {
                return ZonedDateTime.ofInstant(fires, zone);
            }
            cursor = wall;
        }
    }

    /**
     * The instant a wall time fires: its only instant; in a spring-forward gap the transition;
     * in a fall-back overlap the earlier of its two instants. Monotone in the wall time.
     */
    static Instant firingInstant(LocalDateTime wall, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(wall);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.ofLocal(wall, zone, null).toInstant();
    }

    /**
     * The ticks that fell strictly after {@code tickStart} and before {@code tickEnd} (skipped:
     * the tick was still running), and the first tick at or after {@code tickEnd}.
     */
    public static AfterTick afterTick(CronSpec spec, ZoneId zone, Instant tickStart, Instant tickEnd) {
        return afterTick(spec, zone, tickStart, tickEnd, MAX_COUNTED);
    }

    static AfterTick afterTick(CronSpec spec, ZoneId zone, Instant tickStart, Instant tickEnd, int cap) {
        int skipped = 0;
        ZonedDateTime next = next(spec, tickStart, zone);
        while (next.toInstant().isBefore(tickEnd)) {
            if (skipped == cap) {
                return new AfterTick(skipped, next(spec, tickEnd.minusNanos(1), zone));
            }
            skipped++;
            next = next(spec, next.toInstant(), zone);
        }
        return new AfterTick(skipped, next);
    }
}
