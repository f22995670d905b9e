package org.jzrepl.job;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jzrepl.pruning.PruneReport;
import org.jzrepl.replication.report.AttemptReport;

/**
 * Told about every finished run of an active job (push, pull, snap), for metrics: called once
 * per run on the run's thread, before the job counts the run as ended, so whoever waited for the
 * run (a test's {@code awaitRuns}, a script reading the status) sees its figures in the metrics.
 * Implementations must be thread-safe and quick, and must not call back into the job.
 */
@FunctionalInterface
public interface RunObserver {

    /** Ignores every run. */
    RunObserver NONE = run -> { };

    void runEnded(FinishedRun run);

    /**
     * One finished run, from its reports.
     *
     * @param job       the job's name
     * @param number    the run's number since the daemon started, 1 for the first
     * @param startedAt when the run started, on the job's clock
     * @param endedAt   when it ended
     * @param attempts  every replication attempt of the run, oldest first, final reports (empty for snap)
     * @param phases    the run's phases as they ended
     * @param pruning   the pruners' final reports, in the order they ran
     */
    record FinishedRun(String job, long number, Instant startedAt, Instant endedAt, List<AttemptReport> attempts,
                       List<PhaseReport> phases, List<PruneReport> pruning) {
        public FinishedRun {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(endedAt, "endedAt");
            attempts = List.copyOf(attempts);
            phases = List.copyOf(phases);
            pruning = List.copyOf(pruning);
            if (number < 1) {
                throw new IllegalArgumentException("run number " + number);
            }
        }
    }
}
