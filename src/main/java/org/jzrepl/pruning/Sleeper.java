package org.jzrepl.pruning;

import java.time.Duration;

/**
 * Waits between a prune run's tries. The daemon passes {@link #THREAD} (interruptible: a job that
 * stops interrupts its run); tests pass one that records the waits and returns at once.
 */
@FunctionalInterface
public interface Sleeper {

    Sleeper THREAD = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    void sleep(Duration d) throws InterruptedException;
}
