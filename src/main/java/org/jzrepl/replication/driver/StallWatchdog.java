package org.jzrepl.replication.driver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jzrepl.config.Durations;
import org.jzrepl.runtime.Task;
import org.jzrepl.runtime.TaskRunner;

/**
 * Aborts running steps whose byte count has not moved for the stall timeout: a {@code zfs send}
 * that stopped producing (or a {@code zfs recv} that stopped reading) keeps a healthy RPC
 * connection alive with heartbeats, so nothing else would notice. One per attempt; it checks on
 * the attempt's {@link TaskRunner} every {@link #period(Duration)}, so tests drive it with a fake
 * clock. A stalled step's abort runs once, on the checking task, outside this object's lock.
 * Thread-safe.
 */
final class StallWatchdog {

    /** What the watchdog does to a stalled step: record it and close what it runs on. */
    interface Abort {
        void stalled(String why);
    }

    private static final Duration MIN_PERIOD = Duration.ofMillis(10);
    private static final Duration MAX_PERIOD = Duration.ofSeconds(10);

    private final TaskRunner runner;
    private final Duration timeout;
    private final Duration period;
    private final Map<Object, Watch> watched = new IdentityHashMap<>();
    private Task tick;
    private boolean stopped;

    private static final class Watch {
        final LongSupplier bytes;
        final Abort abort;
        long lastBytes;
        Instant lastMove;

        Watch(LongSupplier bytes, Abort abort, Instant now) {
            this.bytes = bytes;
            this.abort = abort;
            this.lastBytes = bytes.getAsLong();
            this.lastMove = now;
        }
    }

    /** @param timeout zero: never aborts and schedules nothing */
    StallWatchdog(TaskRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
        this.period = period(timeout);
    }

    /** How often the byte counts are read: a fifth of the timeout, between 10 ms and 10 s. */
    static Duration period(Duration timeout) {
        Duration p = timeout.dividedBy(5);
        return p.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : p.compareTo(MAX_PERIOD) > 0 ? MAX_PERIOD : p;
    }

    /** The one line a stalled step fails with, e.g. {@code no progress for 5m: aborted, resuming}. */
    static String message(Duration timeout) {
        return "no progress for " + Durations.format(timeout) + ": aborted, resuming from its resume token";
    }

    Duration timeout() {
        return timeout;
    }

    boolean enabled() {
        return !timeout.isZero();
    }

    /** Starts watching {@code step} (any key object, e.g. its {@link LiveStep}); its clock starts now. */
    synchronized void watch(Object step, LongSupplier bytes, Abort abort) {
        if (!enabled() || stopped) {
            return;
        }
        watched.put(step, new Watch(bytes, abort, runner.clock().instant()));
        if (tick == null) {
            scheduleNext();
        }
    }

    /** The step ended (done or failed): no longer watched. */
    synchronized void unwatch(Object step) {
        watched.remove(step);
    }

    /** No more checks; idempotent. */
    synchronized void stop() {
        stopped = true;
        watched.clear();
        if (tick != null) {
            tick.cancel();
            tick = null;
        }
    }

    private void scheduleNext() {
        tick = runner.schedule("replication stall check", runner.clock().instant().plus(period), () -> {
            check();
            synchronized (this) {
                if (!stopped) {
                    scheduleNext();
                }
            }
        });
    }

    /** Reads every watched counter now; aborts (and forgets) the steps that have not moved for the timeout. */
    void check() {
        List<Abort> due = new ArrayList<>();
        synchronized (this) {
            Instant now = runner.clock().instant();
            var it = watched.values().iterator();
            while (it.hasNext()) {
                Watch w = it.next();
                long b = w.bytes.getAsLong();
                if (b != w.lastBytes) {
                    w.lastBytes = b;
                    w.lastMove = now;
                } else if (Duration.between(w.lastMove, now).compareTo(timeout) >= 0) {
                    it.remove();
                    due.add(w.abort);
                }
            }
        }
        String why = message(timeout);
        due.forEach(a -> a.stalled(why));
    }
}
