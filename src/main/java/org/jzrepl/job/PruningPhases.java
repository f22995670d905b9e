package org.jzrepl.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jzrepl.job.PhaseReport.Phase;
import org.jzrepl.job.PhaseReport.PhaseState;
import org.jzrepl.pruning.Keep;
import org.jzrepl.pruning.PruneReport;
import org.jzrepl.pruning.PruneSettings;
import org.jzrepl.pruning.Pruner;
import org.jzrepl.replication.driver.EndpointSession;
import org.jzrepl.runtime.Sleeper;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.util.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pruning phases of one {@link JobRun}, each with a fresh {@link Pruner}: push and pull prune
 * both sides over one session of the job's connector, opened by the first side with keep rules and
 * closed by {@link #close()} when the run ends; a snap job prunes its own filesystems. A side
 * without keep rules destroys nothing and is not listed.
 *
 * <p>{@link #run} and {@link #close()} on the run's thread; {@link #reports()} from any. This
 * object's lock guards the prune reports; lock order: {@link JobRun}, this, the running pruner.
 */
final class PruningPhases {
    // logs as the run it belongs to: the same logger name as before the split
    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    private final String job;
    private final JobRun.Phases phases;
    private final TaskRunner runner;
    private final List<PruneReport> pruned = new ArrayList<>();
    private Pruner pruning;
    private EndpointSession session;    // the run's thread only

    PruningPhases(String job, JobRun.Phases phases, TaskRunner runner) {
        this.job = job;
        this.phases = phases;
        this.runner = runner;
    }

    /** Runs pruning phase {@code p} (not REPLICATION); how it ended, not going on when interrupted. */
    JobRun.Ended run(Phase p) {
        if (p == Phase.PRUNING) {
            return prune(phases.keepLocal(), () -> pruner(job, p, phases, null, runner.sleeper()));
        }
        List<Keep> rules = p == Phase.PRUNING_SENDER ? phases.keepSender() : phases.keepReceiver();
        if (session == null && !rules.isEmpty()) {
            try {
                session = phases.connector().open();
            } catch (IOException e) {
                return new JobRun.Ended(PhaseState.FAILED, "connecting to prune: " + LogText.escape(e.getMessage()), true);
            }
        }
        EndpointSession s = session;
        return prune(rules, () -> pruner(job, p, phases, s, runner.sleeper()));
    }

    /**
     * The pruner of a pruning phase: what a run executes and what {@code prune --dry-run} plans
     * with ({@link PruneDryRun}).
     *
     * @param s the session to the peer (PRUNING_SENDER and PRUNING_RECEIVER), null for PRUNING
     */
    static Pruner pruner(String job, Phase p, JobRun.Phases phases, EndpointSession s, Sleeper sleeper) {
        return switch (p) {
            case PRUNING -> Pruner.local(phases.local(), phases.keepLocal(), PruneSettings.DEFAULT, sleeper);
            case PRUNING_SENDER -> Pruner.sender(s.sender(), s.receiver(), "job " + job, phases.keepSender(),
                    PruneSettings.DEFAULT, sleeper);
            case PRUNING_RECEIVER -> Pruner.receiver(s.receiver(), s.sender(), phases.keepReceiver(),
                    PruneSettings.DEFAULT, sleeper);
            case REPLICATION -> throw new IllegalArgumentException("replication is not a pruning phase");
        };
    }

    /** One pruning phase; not going on when interrupted: the run stops. */
    private JobRun.Ended prune(List<Keep> rules, Supplier<Pruner> make) {
        if (rules.isEmpty()) {
            return new JobRun.Ended(PhaseState.DONE, JobRun.NO_RULES, true);
        }
        Pruner p = make.get();
        synchronized (this) {
            pruning = p;
        }
        try {
            PruneReport r = p.run();
            synchronized (this) {
                pruned.add(r);
                pruning = null;
            }
            return new JobRun.Ended(r.state() == PruneReport.State.DONE ? PhaseState.DONE : PhaseState.FAILED,
                    r.error(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (this) {
                pruned.add(p.status());
                pruning = null;
            }
            return new JobRun.Ended(PhaseState.FAILED, "interrupted: the job is stopping", false);
        } catch (RuntimeException e) {
            String why = "pruning failed unexpectedly: " + e;
            LOG.error("job {}: {}", job, why, e);
            synchronized (this) {
                pruned.add(p.status());
                pruning = null;
            }
            return new JobRun.Ended(PhaseState.FAILED, why, true);
        }
    }

    /** The reports of the ended pruning phases, then the running one's status. */
    synchronized List<PruneReport> reports() {
        List<PruneReport> prunes = new ArrayList<>(pruned);
        if (pruning != null) {
            prunes.add(pruning.status());
        }
        return prunes;
    }

    /** Closes the session of the push/pull pruning phases, if one was opened. */
    void close() {
        if (session != null) {
            try {
                session.close();
            } catch (IOException e) {
                LOG.debug("job {}: closing the pruning session: {}", job, e.toString());
            }
        }
    }
}
