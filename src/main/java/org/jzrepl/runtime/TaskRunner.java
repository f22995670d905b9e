package org.jzrepl.runtime;

import java.time.Clock;
import java.time.Instant;

/**
 * Where background work runs and what time it is. Implementations: {@link ThreadTaskRunner} in the
 * daemon, a fake driving a settable clock in tests. Thread-safe.
 */
public interface TaskRunner extends AutoCloseable {

    /** The clock every owner of tasks reads "now" from. */
    Clock clock();

    /** How tasks wait between tries on this runner's time; {@link Sleeper#REAL} unless faked. */
    default Sleeper sleeper() {
        return Sleeper.REAL;
    }

    /** Runs {@code task} on a worker as soon as one is free (at once: the pool grows). */
    Task execute(String name, Runnable task);

    /** Runs {@code task} on a worker once the clock reaches {@code at}; at once if that has passed. */
    Task schedule(String name, Instant at, Runnable task);

    /** Cancels what is scheduled, interrupts what runs, waits a bounded time. Idempotent. */
    @Override
    void close();
}
