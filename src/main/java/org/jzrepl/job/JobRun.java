package org.jzrepl.job;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jzrepl.job.PhaseReport.Phase;
import org.jzrepl.job.PhaseReport.PhaseState;
import org.jzrepl.replication.driver.DriverSettings;
import org.jzrepl.replication.driver.EndpointConnector;
import org.jzrepl.replication.driver.ReplicationDriver;
import org.jzrepl.replication.report.AttemptReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of an active job: its phases in order, each reported as it goes. Replication runs a
 * fresh {@link ReplicationDriver}; pruning is not built yet, so its phases say so and keep every
 * snapshot. A failed phase does not stop the next (zrepl prunes after a failed replication too).
 * Runs on the caller's thread (a runtime task); {@link #snapshot()} and {@link #cancel()} from any.
 */
final class JobRun {
    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
    static final String PRUNING_NOT_BUILT = "pruning is not built yet; every snapshot is kept";

    /** What a run of one job does: its phases, and the replication's connector and settings if it has one. */
    record Phases(EndpointConnector connector, DriverSettings settings, List<Phase> order) {
        Phases {
            order = List.copyOf(order);
            if (order.contains(Phase.REPLICATION)) {
                Objects.requireNonNull(connector, "connector");
                Objects.requireNonNull(settings, "settings");
            }
        }
    }

    /**
     * A run as far as it got: the replication's attempt (null without one), the phase running
     * now (null once ended), every phase, and an error outside the replication report.
     */
    record Result(AttemptReport replication, Phase phase, List<PhaseReport> phases, String error) {
        Result {
            phases = List.copyOf(phases);
        }
    }

    static Phases replicating(EndpointConnector connector, DriverSettings settings) {
        return new Phases(connector, settings, List.of(Phase.REPLICATION, Phase.PRUNING_SENDER,
                Phase.PRUNING_RECEIVER));
    }

    static Phases pruningOnly() {
        return new Phases(null, null, List.of(Phase.PRUNING));
    }

    private final String job;
    private final Phases phases;
    private final Clock clock;
    private final List<PhaseReport> reports = new ArrayList<>();
    private int current = -1;
    private ReplicationDriver driver;
    private AttemptReport replication;
    private String error;
    private boolean cancelled;

    JobRun(String job, Phases phases, Clock clock) {
        this.job = job;
        this.phases = phases;
        this.clock = clock;
        for (Phase p : phases.order()) {
            reports.add(new PhaseReport(p, PhaseState.PENDING, null, null, null));
        }
    }

    /** Runs every phase; an interruption (the job closing) ends the run early with a failed phase. */
    Result run() {
        for (int i = 0; i < phases.order().size(); i++) {
            synchronized (this) {
                current = i;
                reports.set(i, reports.get(i).running(clock.instant().toString()));
            }
            Phase p = phases.order().get(i);
            if (p == Phase.REPLICATION) {
                if (!replicate(i)) {
                    break;
                }
            } else {
                end(i, PhaseState.NOT_BUILT, PRUNING_NOT_BUILT);
            }
        }
        synchronized (this) {
            current = -1;
        }
        return snapshot();
    }

    /** False when interrupted: the run stops. */
    private boolean replicate(int i) {
        ReplicationDriver d = new ReplicationDriver(phases.connector(), phases.settings(), clock);
        synchronized (this) {
            driver = d;
            if (cancelled) {
                d.cancel();
            }
        }
        try {
            AttemptReport a = d.run();
            synchronized (this) {
                replication = a;
            }
            end(i, a.state() == org.jzrepl.replication.report.AttemptState.DONE ? PhaseState.DONE : PhaseState.FAILED,
                    a.error());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (this) {
                replication = d.snapshot();
            }
            end(i, PhaseState.FAILED, "interrupted: the job is stopping");
            return false;
        } catch (RuntimeException e) {
            String why = "replication run failed unexpectedly: " + e;
            LOG.error("job {}: {}", job, why, e);
            synchronized (this) {
                replication = d.snapshot();
                error = why;
            }
            end(i, PhaseState.FAILED, why);
            return true;
        }
    }

    private synchronized void end(int i, PhaseState s, String why) {
        reports.set(i, reports.get(i).ended(s, clock.instant().toString(), why));
    }

    /** The run as far as it got. */
    synchronized Result snapshot() {
        AttemptReport a = replication;
        if (driver != null && current >= 0 && phases.order().get(current) == Phase.REPLICATION) {
            a = driver.snapshot();
        }
        return new Result(a, current < 0 ? null : phases.order().get(current), reports, error);
    }

    /** Cancels the replication, now or when it starts. */
    void cancel() {
        ReplicationDriver d;
        synchronized (this) {
            cancelled = true;
            d = driver;
        }
        if (d != null) {
            d.cancel();
        }
    }
}
