package org.jzrepl.runtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits between tries (a pruner's retries, a driver's reconnect backoff). Each {@link TaskRunner}
 * gives one on its own time: the daemon's waits on the wall clock, a test's moves its fake clock
 * and returns at once, so backoffs are tested without sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits in real time; a latch counted down, or an interrupt, ends the wait early. */
    Sleeper REAL = (d, wake) -> {
        long nanos = Math.max(0, d.toNanos());
        if (wake != null) {
            return wake.await(nanos, TimeUnit.NANOSECONDS);
        }
        TimeUnit.NANOSECONDS.sleep(nanos);
        return false;
    };

    /**
     * Waits {@code d}, or less if {@code wake} (may be null) is counted down first.
     *
     * @return whether {@code wake} ended the wait
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean sleep(Duration d, CountDownLatch wake) throws InterruptedException;

    /** Waits {@code d}; only an interrupt ends it early. */
    default void sleep(Duration d) throws InterruptedException {
        sleep(d, null);
    }
}
