package org.jzrepl.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.SnapshottingConfig;
import org.jzrepl.snapshot.hook.Hook;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * A job's snapper: what the runtime calls for {@code periodic} and {@code cron} snapshotting
 * ({@code manual} has none). Each call takes "now" from the runtime and returns a value; nothing
 * here sleeps, starts a thread or keeps state between calls, so one snapper may serve the job's
 * ticks and {@code jzrepl test snapshot} alike. Calls are not meant to overlap (one tick at a
 * time: the runtime serialises them and counts cron ticks that fell meanwhile).
 *
 * <ul>
 * <li>{@link #firstTick}: when to tick first (periodic: zrepl's sync-up from one listing);</li>
 * <li>{@link #tick}: one listing of the filter's trees (no snapshots), one plan, hooks and one
 * {@code zfs snapshot} per pool;</li>
 * <li>{@link #nextTick}: when to tick after a tick;</li>
 * <li>{@link #preview}: what {@link #tick} would do now, taking nothing and running no hook.</li>
 * </ul>
 */
public final class Snapper {
    private final TickSchedule schedule;
    private final TickPlanner planner;
    private final TickRunner runner;
    private final Zfs zfs;
    private final Clock clock;

    public Snapper(TickSchedule schedule, TickPlanner planner, TickRunner runner, Zfs zfs, Clock clock) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.zfs = Objects.requireNonNull(zfs, "zfs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The snapper of a job's {@code snapshotting} section, empty for {@code manual}. {@code hooks}
     * are the section's hooks in config order, built by the caller; {@code clock} is the job's
     * clock: it times hooks and ticks, and its zone is the one cron lines are matched in (zrepl:
     * the daemon's local zone). IllegalArgumentException if the naming is invalid.
     */
    public static Optional<Snapper> of(SnapshottingConfig config, FilesystemFilter filter, List<Hook> hooks, Zfs zfs,
                                       Clock clock) {
        if (config instanceof SnapshottingConfig.Manual) {
            return Optional.empty();
        }
        TickPlanner planner = new TickPlanner(filter, SnapshotNaming.of(config), hooks, clock);
        return Optional.of(new Snapper(TickSchedule.of(config, clock.getZone()), planner, new TickRunner(zfs, clock),
                zfs, clock));
    }

    /** The first tick after the snapper starts at {@code now}; never throws, problems are in the result. */
    public NextTick firstTick(Instant now) {
        return schedule.first(now, this::selected);
    }

    /** The tick after one whose "now" was {@code tickStart} and that ended at {@code tickEnd}. */
    public NextTick nextTick(Instant tickStart, Instant tickEnd) {
        return schedule.after(tickStart, tickEnd);
    }

    /**
     * Takes one tick for {@code now}: lists, plans, runs the hooks and the snapshot commands. A
     * failed listing or naming gives a report with {@code error} set; failures of single
     * filesystems are in their entries. Throws only InterruptedException (after the post hooks of
     * the pre hooks that ran).
     */
    public TickReport tick(Instant now) throws InterruptedException {
        Instant start = clock.instant();
        TickPlan plan;
        try {
            plan = planner.plan(zfs.listDatasets(planner.roots()), now);
        } catch (ZfsException e) {
            return TickReport.failed(now, nameOrNull(now), since(start), "list filesystems: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return TickReport.failed(now, nameOrNull(now), since(start), e.getMessage());
        }
        return runner.run(plan, start);
    }

    /** What {@link #tick} would do at {@code now}: one listing, no hook, no snapshot. */
    public TickPreview preview(Instant now) throws ZfsException {
        return planner.plan(zfs.listDatasets(planner.roots()), now).preview();
    }

    public TickSchedule schedule() {
        return schedule;
    }

    /** The selected filesystems and volumes with their snapshots, one listing per filter root. */
    private List<DatasetInfo> selected() throws ZfsException {
        List<DatasetPath> roots = planner.roots();
        if (roots.isEmpty()) {
            return planner.select(zfs.listAll());
        }
        List<DatasetInfo> all = new java.util.ArrayList<>();
        for (DatasetPath root : roots) {
            try {
                all.addAll(zfs.listTree(root));
            } catch (DatasetNotFoundException e) {
                // a filter may name a dataset that does not exist (yet): it has nothing to sync up
            }
        }
        return planner.select(all);
    }

    private String nameOrNull(Instant now) {
        try {
            return planner.naming().name(now);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Duration since(Instant start) {
        return Duration.between(start, clock.instant());
    }
}
