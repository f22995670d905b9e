package org.jzrepl.job;

import java.io.Closeable;

/**
 * One configured job as the daemon runs it. {@link #start()} once, then {@link #wakeup()},
 * {@link #reset()} and {@link #report()} from any thread, {@link #close()} once at the end.
 */
public interface Job extends Closeable {

    String name();

    /** The YAML type: push, pull, sink, source, snap. */
    String type();

    /**
     * Starts the job's thread(s) and opens what it serves on.
     *
     * @throws JobStartException when the job cannot run as configured (the message says what to fix)
     */
    void start() throws JobStartException;

    /** Runs the job now instead of at its next interval; refused by jobs that have nothing to run. */
    void wakeup() throws UnsupportedSignalException;

    /** Aborts the job's current run, if any; refused by jobs that have no runs. */
    void reset() throws UnsupportedSignalException;

    /**
     * What pruning would destroy and keep now, without destroying ({@code jzrepl prune --dry-run});
     * {@code filesystem} non-null: that filesystem only. Refused by jobs that do not prune.
     */
    default PruneDryRun pruneDryRun(String filesystem) throws UnsupportedSignalException {
        throw new UnsupportedSignalException(name(), type(), "prune");
    }

    /** A consistent snapshot of what the job is doing. */
    JobReport report();

    /** Stops the job and releases everything it holds, bounded in time. Idempotent. */
    @Override
    void close();
}
