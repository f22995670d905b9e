package org.jzrepl.job;

import java.time.Instant;
import java.util.Objects;
import org.jzrepl.runtime.Task;
import org.jzrepl.runtime.TaskRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's snapshotter on the runtime: finds the first tick (periodic: zrepl's sync-up; cron: the
 * next match), sleeps until it as a scheduled task, takes the tick on a worker, plans the next one
 * and then tells its job (without waiting for it). {@code manual} takes nothing and never ticks.
 * A failed sync-up is retried one interval later, as zrepl does; a failed tick still plans the next.
 */
public final class Snapshotting {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshotting.class);

    /** The snapper as the runtime drives it; implemented over the snapshot package. */
    public interface Snapper {
        /** periodic or cron. */
        String type();

        /** The first tick after a start at {@code now}; throws with the reason when it cannot be found. */
        Instant firstTick(Instant now) throws Exception;

        /** When to retry a failed {@link #firstTick}. */
        Instant retryAt(Instant failedAt);

        /** The tick after one that ran from {@code start} to {@code end}, and the ticks skipped meanwhile. */
        Next afterTick(Instant start, Instant end);

        /** Takes one tick: hooks and snapshots; returns its report (a Jackson-serialisable record). */
        Tick tick(Instant now) throws InterruptedException;
    }

    /** The next tick and how many cron ticks were skipped since the previous one started. */
    public record Next(Instant at, int skipped) {
    }

    /** A tick's report and, if it failed in part, the error to show. */
    public record Tick(Object report, String error) {
    }

    private final String job;
    private final Snapper snapper;
    private TaskRunner runner;
    private Runnable onTick;
    private Task next;
    private boolean closed;
    private SnapshotterReport.State state;
    private Instant nextAt;
    private long ticks;
    private long skipped;
    private Object lastTick;
    private String error;

    private Snapshotting(String job, Snapper snapper) {
        this.job = Objects.requireNonNull(job, "job");
        this.snapper = snapper;
        this.state = snapper == null ? SnapshotterReport.State.MANUAL : SnapshotterReport.State.STOPPED;
    }

    /** {@code manual}: never snapshots. */
    public static Snapshotting manual(String job) {
        return new Snapshotting(job, null);
    }

    public static Snapshotting of(String job, Snapper snapper) {
        return new Snapshotting(job, Objects.requireNonNull(snapper, "snapper"));
    }

    /** Whether ticks happen at all (not manual). */
    public boolean takesSnapshots() {
        return snapper != null;
    }

    /** Plans the first tick on {@code runner}; {@code onTick} runs after every tick, on the runner. */
    synchronized void start(TaskRunner runner, Runnable onTick) {
        if (snapper == null) {
            return;
        }
        this.runner = runner;
        this.onTick = onTick;
        state = SnapshotterReport.State.SYNCING_UP;
        next = runner.execute("job " + job + " snapshot sync-up", this::syncUp);
    }

    private void syncUp() {
        Instant now = runner.clock().instant();
        try {
            Instant first = snapper.firstTick(now);
            synchronized (this) {
                error = null;
                planLocked(first);
            }
        } catch (Exception e) {
            Instant retry = snapper.retryAt(now);
            String why = "sync-up failed, retrying at " + retry + ": " + e.getMessage();
            LOG.warn("job {}: snapshotting {}", job, why);
            synchronized (this) {
                error = why;
                if (!closed) {
                    state = SnapshotterReport.State.SYNCING_UP;
                    nextAt = retry;
                    next = runner.schedule("job " + job + " snapshot sync-up", retry, this::syncUp);
                }
            }
        }
    }

    private void planLocked(Instant at) {
        if (closed) {
            return;
        }
        state = SnapshotterReport.State.WAITING;
        nextAt = at;
        next = runner.schedule("job " + job + " snapshot tick", at, this::tick);
    }

    private void tick() {
        Instant start = runner.clock().instant();
        synchronized (this) {
            if (closed) {
                return;
            }
            state = SnapshotterReport.State.SNAPSHOTTING;
            nextAt = null;
        }
        Tick t;
        try {
            t = snapper.tick(start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.error("job {}: snapshot tick failed unexpectedly: {}", job, e.toString(), e);
            t = new Tick(null, "tick failed unexpectedly: " + e);
        }
        Next n = snapper.afterTick(start, runner.clock().instant());
        synchronized (this) {
            ticks++;
            lastTick = t.report();
            error = t.error();
            if (n.skipped() > 0) {
                skipped += n.skipped();
                error = (error == null ? "" : error + "; ") + "cron frequency is too high; snapshots were not taken "
                        + skipped + " times";
                LOG.warn("job {}: a snapshot tick took longer than the cron period; {} ticks skipped", job,
                        n.skipped());
            }
            planLocked(n.at());
        }
        onTick.run();
    }

    synchronized SnapshotterReport report() {
        return new SnapshotterReport(snapper == null ? "manual" : snapper.type(), state,
                nextAt == null ? null : nextAt.toString(), ticks, skipped, lastTick, error);
    }

    /** Cancels the planned tick; a tick in progress finishes (its hooks must release what they hold). */
    synchronized void close() {
        closed = true;
        boolean ticking = state == SnapshotterReport.State.SNAPSHOTTING;
        if (snapper != null) {
            state = SnapshotterReport.State.STOPPED;
        }
        nextAt = null;
        if (next != null && !ticking) {
            next.cancel();
        }
    }
}
