package org.jzrepl.testing.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jzrepl.runtime.Sleeper;
import org.jzrepl.runtime.Task;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.runtime.ThreadTaskRunner;

/**
 * Real worker threads on a settable clock whose sleeper does not wait: a sleep moves the clock
 * and is recorded. For code that needs concurrent tasks (a replication attempt's workers) while
 * the test drives its backoffs and deadlines instead of sleeping through them.
 */
public final class VirtualSleepRunner implements TaskRunner {
    private final SettableClock clock;
    private final ThreadTaskRunner threads;
    private final List<Duration> slept = new ArrayList<>();

    public VirtualSleepRunner(Instant start) {
        this.clock = new SettableClock(start, ZoneOffset.UTC);
        this.threads = new ThreadTaskRunner(clock);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Sleeper sleeper() {
        return (d, wake) -> {
            synchronized (slept) {
                slept.add(d);
            }
            clock.advance(d);
            return wake != null && wake.getCount() == 0;
        };
    }

    /** The sleeps so far, in order. */
    public List<Duration> slept() {
        synchronized (slept) {
            return List.copyOf(slept);
        }
    }

    @Override
    public Task execute(String name, Runnable task) {
        return threads.execute(name, task);
    }

    @Override
    public Task schedule(String name, Instant at, Runnable task) {
        return threads.schedule(name, at, task);
    }

    @Override
    public void close() {
        threads.close();
    }
}
