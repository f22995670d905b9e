package org.jzrepl.testing.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.jzrepl.runtime.Sleeper;
import org.jzrepl.runtime.Task;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.util.trace.TaskContext;

/**
 * A {@link TaskRunner} on a settable clock that runs tasks on the test's thread, only when the
 * test says: {@link #runReady()} runs what was executed, {@link #advance(Duration)} moves time
 * and runs what falls due, in time order (each at its instant). In the spirit of okhttp's
 * TaskFaker. Tasks run in the log context and span of their submitter, as on the daemon's runner.
 * Not thread-safe beyond what tests need: one test thread drives it.
 */
public final class FakeTaskRunner implements TaskRunner {
    private final SettableClock clock;
    private final Deque<FakeTask> ready = new ArrayDeque<>();
    private final List<FakeTask> scheduled = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private long seq;

    public FakeTaskRunner(Instant start) {
        this.clock = new SettableClock(start, ZoneOffset.UTC);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** Sleeps without waiting: moves the clock by the time slept (running nothing) and logs it. */
    @Override
    public Sleeper sleeper() {
        return (d, wake) -> {
            synchronized (this) {
                log.add(clock.instant() + " sleep " + d);
                clock.set(clock.instant().plus(d));
            }
            return wake != null && wake.getCount() == 0;
        };
    }

    @Override
    public synchronized Task execute(String name, Runnable task) {
        FakeTask t = new FakeTask(name, task, clock.instant(), seq++);
        ready.add(t);
        return t;
    }

    @Override
    public synchronized Task schedule(String name, Instant at, Runnable task) {
        FakeTask t = new FakeTask(name, task, at, seq++);
        scheduled.add(t);
        return t;
    }

    /** Runs every ready task, including those they make ready. */
    public void runReady() {
        while (true) {
            FakeTask t;
            synchronized (this) {
                t = ready.poll();
            }
            if (t == null) {
                return;
            }
            t.runNow();
        }
    }

    /** Moves the clock forward by {@code d}, running due tasks at their instants. */
    public void advance(Duration d) {
        advanceTo(clock.instant().plus(d));
    }

    /** Moves the clock to {@code target}, running due tasks at their instants. */
    public void advanceTo(Instant target) {
        runReady();
        while (true) {
            FakeTask next;
            synchronized (this) {
                scheduled.removeIf(FakeTask::done);
                next = scheduled.stream().filter(t -> !t.at.isAfter(target))
                        .min(Comparator.comparing((FakeTask t) -> t.at).thenComparingLong(t -> t.seq)).orElse(null);
                if (next == null) {
                    break;
                }
                scheduled.remove(next);
                if (next.at.isAfter(clock.instant())) {
                    clock.set(next.at);
                }
            }
            next.runNow();
            runReady();
        }
        clock.set(target);
        runReady();
    }

    /** The instants of the tasks scheduled and not cancelled, earliest first. */
    public synchronized List<Instant> scheduledTimes() {
        return scheduled.stream().filter(t -> !t.done()).map(t -> t.at).sorted().toList();
    }

    /** Names of the tasks run so far, with the clock at their start, e.g. {@code 00:00:05Z tick}. */
    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public void close() {
        synchronized (this) {
            ready.forEach(FakeTask::cancel);
            scheduled.forEach(FakeTask::cancel);
        }
    }

    private final class FakeTask implements Task {
        private final String name;
        private final Runnable body;
        private final Instant at;
        private final long seq;
        private boolean done;

        FakeTask(String name, Runnable body, Instant at, long seq) {
            this.name = name;
            this.body = TaskContext.capture().wrap(name, body);   // as the daemon's runner: context of the submitter
            this.at = at;
            this.seq = seq;
        }

        void runNow() {
            synchronized (FakeTaskRunner.this) {
                if (done) {
                    return;
                }
                done = true;
                log.add(clock.instant() + " " + name);
            }
            body.run();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void cancel() {
            synchronized (FakeTaskRunner.this) {
                done = true;
            }
        }

        @Override
        public boolean done() {
            synchronized (FakeTaskRunner.this) {
                return done;
            }
        }
    }
}
