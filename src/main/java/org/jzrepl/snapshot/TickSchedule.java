package org.jzrepl.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.jzrepl.config.CronSpec;
import org.jzrepl.config.SnapshottingConfig;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.ZfsException;

/**
 * When a snapper ticks: the first tick after it starts and the tick after each tick, for
 * {@code periodic} ({@link PeriodicSchedule}: zrepl's sync-up, then the previous start plus the
 * interval) and {@code cron} ({@link CronSchedule}). Takes "now" and never reads a clock, sleeps
 * or starts a thread: the job's runtime waits until {@link NextTick#at} and calls the snapper.
 * {@code manual} has no schedule (and no snapper).
 */
public sealed interface TickSchedule permits TickSchedule.Periodic, TickSchedule.Cron {

    /** The selected filesystems with their snapshots; called only by a schedule that needs them. */
    @FunctionalInterface
    interface Listing {
        List<DatasetInfo> selected() throws ZfsException;
    }

    /** The first tick of a snapper started at {@code now}. */
    NextTick first(Instant now, Listing listing);

    /** The tick after one that started at {@code tickStart} (its "now") and ended at {@code tickEnd}. */
    NextTick after(Instant tickStart, Instant tickEnd);

    /**
     * The schedule of a periodic or cron section; cron lines are matched in {@code cronZone}
     * (zrepl: the daemon's local zone). IllegalArgumentException for {@code manual}.
     */
    static TickSchedule of(SnapshottingConfig config, ZoneId cronZone) {
        if (config instanceof SnapshottingConfig.Periodic p) {
            return new Periodic(p.prefix(), p.interval());
        }
        if (config instanceof SnapshottingConfig.Cron c) {
            return new Cron(c.cron(), cronZone);
        }
        throw new IllegalArgumentException("manual snapshotting has no schedule");
    }

    /** {@code periodic}: sync-up from the newest prefixed snapshots, then every {@code interval}. */
    record Periodic(String prefix, Duration interval) implements TickSchedule {
        public Periodic {
            Objects.requireNonNull(prefix, "prefix");
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("interval must be positive, got " + interval);
            }
        }

        /**
         * zrepl's sync-up over the selected filesystems' listings. If it fails (the listing failed,
         * every filesystem has a snapshot from the future), the snapper waits one interval, as zrepl.
         */
        @Override
        public NextTick first(Instant now, Listing listing) {
            List<PeriodicSchedule.Listing> listings;
            try {
                listings = listing.selected().stream().<PeriodicSchedule.Listing>map(
                        d -> new PeriodicSchedule.Listed(d.path().name(), d.versions())).toList();
            } catch (ZfsException e) {
                return new NextTick(PeriodicSchedule.nextTick(now, interval), 0,
                        List.of("sync-up failed, next attempt in " + interval + ": list filesystems: " + e.getMessage()),
                        List.of());
            }
            try {
                PeriodicSchedule.SyncPoint sp = PeriodicSchedule.syncPoint(listings, prefix, interval, now);
                return new NextTick(sp.at(), 0, sp.problems().stream().map(p -> p.filesystem() + ": " + p.message())
                        .toList(), sp.waitingWithoutSnapshots());
            } catch (PeriodicSchedule.SyncUpException e) {
                return new NextTick(PeriodicSchedule.nextTick(now, interval), 0,
                        List.of(e.getMessage() + "; next attempt in " + interval), List.of());
            }
        }

        /** The previous tick's start plus the interval, whatever the tick did (at once if already past). */
        @Override
        public NextTick after(Instant tickStart, Instant tickEnd) {
            return NextTick.at(PeriodicSchedule.nextTick(tickStart, interval));
        }
    }

    /** {@code cron}: each matching time; ticks that fall while a tick runs are skipped and counted. */
    record Cron(CronSpec spec, ZoneId zone) implements TickSchedule {
        public Cron {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(zone, "zone");
        }

        /** The first match strictly after {@code now}; cron has no sync-up and lists nothing. */
        @Override
        public NextTick first(Instant now, Listing listing) {
            return NextTick.at(CronSchedule.next(spec, now, zone).toInstant());
        }

        @Override
        public NextTick after(Instant tickStart, Instant tickEnd) {
            CronSchedule.AfterTick a = CronSchedule.afterTick(spec, zone, tickStart, tickEnd);
            return new NextTick(a.next().toInstant(), a.skipped(), a.statusError().stream().toList(), List.of());
        }
    }
}
