package org.jzrepl.job;

import org.jzrepl.util.log.LogContext;
import org.jzrepl.util.trace.Span;
import org.jzrepl.util.trace.Spans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jzrepl.runtime.Task;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.snapshot.NextTick;
import org.jzrepl.snapshot.PeriodicSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's snapshotter on the runtime: finds the first tick (periodic: zrepl's sync-up; cron: the
 * next match), sleeps until it as a scheduled task, takes the tick on a worker, plans the next one
 * and then tells its job (without waiting for it). {@code manual} takes nothing and never ticks.
 * A failed sync-up waits one interval, as zrepl does (the schedule decides); a failed tick still
 * plans the next. Problems (a failed tick, filesystems left out of sync-up, skipped cron ticks)
 * show in the report's {@code error} until the next tick.
 */
public final class Snapshotting {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshotting.class);

    /** The snapper as the runtime drives it: {@link org.jzrepl.snapshot.Snapper} in the daemon, fakes in tests. */
    public interface Snapper {
        /** periodic or cron. */
        String type();

        /** The first tick after a start at {@code now} (periodic: zrepl's sync-up); problems are in the result. */
        NextTick firstTick(Instant now);

        /** The tick after one that ran from {@code start} to {@code end}, and the cron ticks skipped meanwhile. */
        NextTick afterTick(Instant start, Instant end);

        /** Takes one tick: hooks and snapshots. */
        Tick tick(Instant now) throws InterruptedException;

        /** Releases what its hooks hold (a MySQL lock whose post part never ran); after the last tick. */
        default void close() {
        }
    }

    /** A tick's report (a Jackson-serialisable record) and, if it failed in part, the error to show. */
    public record Tick(Object report, String error) {
    }

    /** How late a tick may start and still be named and scheduled by its planned instant. */
    static final java.time.Duration ON_TIME = java.time.Duration.ofSeconds(2);

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
        next = runner.execute("job " + job + " snapshot sync-up", () -> inJob("sync-up", this::syncUp));
    }

    private void syncUp() {
        Instant now = runner.clock().instant();
        NextTick first = snapper.firstTick(now);
        if (!first.errors().isEmpty()) {
            LOG.warn("job {}: snapshotting: {}", job, String.join("; ", first.errors()));
        }
        if (!first.waitingWithoutSnapshots().isEmpty()
                && first.delay(now).compareTo(PeriodicSchedule.WAIT_WARNING_THRESHOLD) > 0) {
            LOG.info("job {}: filesystems without a snapshot of this job wait for the first tick at {}: {}", job,
                    first.at(), String.join(", ", first.waitingWithoutSnapshots()));
        }
        synchronized (this) {
            error = first.errors().isEmpty() ? null : String.join("; ", first.errors());
            planLocked(first.at());
        }
    }

    private void planLocked(Instant at) {
        if (closed) {
            return;
        }
        state = SnapshotterReport.State.WAITING;
        nextAt = at;
        next = runner.schedule("job " + job + " snapshot tick", at, () -> inJob("tick", this::tick));
    }

    /** Runs {@code r} with the job and the snapshot subsystem in the log context, in span {@code span}. */
    private void inJob(String span, Runnable r) {
        try (LogContext.Scope j = LogContext.with(LogContext.JOB, job);
             LogContext.Scope s = LogContext.with(LogContext.SUBSYSTEM, "snapshot");
             Span sp = Spans.begin(span)) {
            r.run();
        }
    }

    private void tick() {
        Instant start;
        synchronized (this) {
            if (closed) {
                return;
            }
            start = tickTime(nextAt, runner.clock().instant());
            state = SnapshotterReport.State.SNAPSHOTTING;
            nextAt = null;
        }
        Tick t;
        try {
            t = snapper.tick(start);
        } catch (InterruptedException e) {   // the runtime is closing: the post hooks have run
            Thread.currentThread().interrupt();
            snapper.close();
            return;
        } catch (RuntimeException e) {
            LOG.error("job {}: snapshot tick failed unexpectedly: {}", job, e.toString(), e);
            t = new Tick(null, "tick failed unexpectedly: " + e);
        }
        NextTick n = snapper.afterTick(start, runner.clock().instant());
        List<String> problems = new ArrayList<>();
        if (t.error() != null) {
            problems.add(t.error());
        }
        problems.addAll(n.errors());
        if (n.skippedTicks() > 0) {
            LOG.warn("job {}: a snapshot tick took longer than the cron period; {} ticks skipped", job,
                    n.skippedTicks());
        }
        boolean closeNow;
        synchronized (this) {
            closeNow = closed;
            ticks++;
            skipped += n.skippedTicks();
            lastTick = t.report();
            error = problems.isEmpty() ? null : String.join("; ", problems);
            planLocked(n.at());
        }
        if (closeNow) {   // closed during the tick: release the hooks now that it is over
            snapper.close();
            return;
        }
        onTick.run();
    }

    /**
     * The time a tick is named and scheduled by: the planned instant when the tick started less
     * than {@link #ON_TIME} from it, late or early (a busy machine's wake-up latency, or a timer
     * that fires a moment early, then neither shifts the names by a second nor drifts the
     * schedule), else the time it really started (a sync-up that is due in the past, a host that
     * was suspended, a clock set back).
     */
    static Instant tickTime(Instant planned, Instant started) {
        if (planned != null && started.isAfter(planned.minus(ON_TIME)) && started.isBefore(planned.plus(ON_TIME))) {
            return planned;
        }
        return started;
    }

    synchronized SnapshotterReport report() {
        return new SnapshotterReport(snapper == null ? "manual" : snapper.type(), state,
                nextAt == null ? null : nextAt.toString(), ticks, skipped, lastTick, error);
    }

    /** Cancels the planned tick; a tick in progress finishes (its hooks must release what they hold). */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean ticking = state == SnapshotterReport.State.SNAPSHOTTING;
        if (snapper != null) {
            state = SnapshotterReport.State.STOPPED;
        }
        nextAt = null;
        if (next != null && !ticking) {
            next.cancel();
        }
        if (snapper != null && !ticking) {
            snapper.close();
        }
    }
}
