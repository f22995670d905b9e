package org.jzrepl.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an active job runs next, decided from what happened (a pure function; {@link ActiveJob}
 * carries it out on its runner). The rules, as zrepl's plus jzrepl's kept trigger:
 * <ul>
 *   <li>a trigger (tick, wakeup, interval) while idle starts a run at once;</li>
 *   <li>a trigger while a run is going is kept: exactly one run follows it, however many came;</li>
 *   <li>after a run: the kept trigger's run at once; else an interval job's next run one interval
 *       after the last run <em>started</em>, at once if that has passed; else nothing until the
 *       next trigger;</li>
 *   <li>a closed or failed job runs no more.</li>
 * </ul>
 *
 * @param kind what to do
 * @param at   for {@link Kind#AT}: when
 */
record NextRun(Kind kind, Instant at) {

    /** What follows. */
    enum Kind { NOW, AFTER_CURRENT, AT, NONE }

    static final NextRun NOW = new NextRun(Kind.NOW, null);
    static final NextRun AFTER_CURRENT = new NextRun(Kind.AFTER_CURRENT, null);
    static final NextRun NONE = new NextRun(Kind.NONE, null);

    /** A trigger arrived. */
    static NextRun onTrigger(boolean live, boolean running) {
        if (!live) {
            return NONE;
        }
        return running ? AFTER_CURRENT : NOW;
    }

    /** A run ended normally; {@code live} is false once the job closed or failed. */
    static NextRun afterRun(boolean live, boolean kept, Optional<Duration> interval, Instant startedAt, Instant now) {
        if (!live) {
            return NONE;
        }
        if (kept) {
            return NOW;
        }
        if (interval.isEmpty()) {
            return NONE;
        }
        Instant next = startedAt.plus(interval.get());
        return new NextRun(Kind.AT, next.isBefore(now) ? now : next);
    }
}
