package org.jzrepl.job;

import java.time.Instant;
import java.util.Objects;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.runtime.TaskRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcomes of an active job's runs: runs one {@link JobRun} to its end (an Error included),
 * tells the {@link RunObserver} of it and logs how it ended. {@link RunCycle} calls these in its
 * order: the observer hears of a run before the cycle counts it and wakes its waiters.
 *
 * <p>Logs as {@link ActiveJob}: log level settings and the scripts name that logger's lines.
 */
final class RunOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveJob.class);

    private final String job;
    private final TaskRunner runner;
    private volatile RunObserver observer = RunObserver.NONE;

    RunOutcomes(String job, TaskRunner runner) {
        this.job = Objects.requireNonNull(job, "job");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** One run that ended: its result, or the Throwable it died of (then {@code result} is null). */
    record Ended(JobRun run, Instant startedAt, JobRun.Result result, Throwable died) {
        /** What the run reached: its result, or, if it died, where it was. */
        JobRun.Result reached() {
            return died != null ? run.snapshot() : result;
        }
    }

    void observedBy(RunObserver o) {
        this.observer = Objects.requireNonNull(o, "observer");
    }

    /** Runs {@code run} on this thread until it ends; never throws. */
    Ended run(JobRun run) {
        Instant startedAt = runner.clock().instant();
        try {
            return new Ended(run, startedAt, run.run(), null);
        } catch (Throwable t) {
            return new Ended(run, startedAt, null, t);
        }
    }

    /** Tells the observer that run {@code number} ended now; an observer's failure is logged only. */
    void tellObserver(long number, Ended e) {
        JobRun.Result ended = e.reached();
        try {
            observer.runEnded(new RunObserver.FinishedRun(job, number, e.startedAt(), runner.clock().instant(),
                    e.run().attempts(), ended.phases(), ended.pruning()));
        } catch (RuntimeException x) {
            LOG.warn("job {}: the run observer failed: {}", job, x.toString());
        }
    }

    /** Logs the end of the run, once the job's status shows it (scripts wait for this line, then read the status). */
    void logEnd(Ended e) {
        if (e.died() != null) {
            LOG.error("job {} failed: its run died of {}; the job runs no more until the daemon restarts",
                    job, e.died(), e.died());
            return;
        }
        LOG.info("job {}: {}", job, describeEnd(e.result().replication()));
    }

    private static String describeEnd(AttemptReport a) {
        return a == null ? "run ended" : "replication run ended " + a.state() + " (" + a.stepsDone() + " of "
                + a.stepsTotal() + " steps, " + a.bytesReplicated() + " bytes)"
                + (a.error() == null ? "" : ": " + a.error());
    }
}
