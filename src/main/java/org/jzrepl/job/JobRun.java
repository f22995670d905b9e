package org.jzrepl.job;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jzrepl.endpoint.Endpoint;
import org.jzrepl.job.PhaseReport.Phase;
import org.jzrepl.job.PhaseReport.PhaseState;
import org.jzrepl.pruning.Keep;
import org.jzrepl.util.trace.Span;
import org.jzrepl.util.trace.Spans;
import org.jzrepl.pruning.PruneReport;
import org.jzrepl.replication.driver.DriverSettings;
import org.jzrepl.replication.driver.EndpointConnector;
import org.jzrepl.replication.driver.ReplicationDriver;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.runtime.TaskRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of an active job: its phases in order, each reported as it goes. Replication runs a
 * fresh {@link ReplicationDriver}; the pruning phases are {@link PruningPhases}' (push and pull
 * prune both sides over one session of the job's connector, local or through the RPC; a snap job
 * prunes its own filesystems). A side without keep rules destroys nothing and is not listed. A failed
 * phase does not stop the next (zrepl prunes after a failed replication too). Runs on the caller's
 * thread (a runtime task); {@link #snapshot()} and {@link #cancel()} from any.
 */
final class JobRun {
    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
    static final String NO_RULES = "no keep rules: nothing is destroyed";

    /**
     * What a job's run does: its phases; the connector and driver settings of replication and of
     * the push/pull pruning phases; the keep rules per side; a snap job's local filesystems.
     */
    record Phases(EndpointConnector connector, DriverSettings settings, List<Phase> order, List<Keep> keepSender,
                  List<Keep> keepReceiver, Endpoint local, List<Keep> keepLocal) {
        Phases {
            order = List.copyOf(order);
            keepSender = List.copyOf(keepSender);
            keepReceiver = List.copyOf(keepReceiver);
            keepLocal = List.copyOf(keepLocal);
            if (order.contains(Phase.REPLICATION)) {
                Objects.requireNonNull(connector, "connector");
                Objects.requireNonNull(settings, "settings");
            }
            if (order.contains(Phase.PRUNING)) {
                Objects.requireNonNull(local, "local");
            }
        }
    }

    /**
     * A run as far as it got: the replication's attempt (null without one), the phase running
     * now (null once ended), every phase, and an error outside the replication report.
     */
    record Result(AttemptReport replication, Phase phase, List<PhaseReport> phases, String error,
                  List<PruneReport> pruning) {
        Result {
            phases = List.copyOf(phases);
            pruning = List.copyOf(pruning);
        }
    }

    /** How a phase ended: its state and note, and whether the run goes on (not when interrupted). */
    record Ended(PhaseState state, String why, boolean goOn) { }

    static Phases replicating(EndpointConnector connector, DriverSettings settings, List<Keep> keepSender,
                              List<Keep> keepReceiver) {
        return new Phases(connector, settings, List.of(Phase.REPLICATION, Phase.PRUNING_SENDER,
                Phase.PRUNING_RECEIVER), keepSender, keepReceiver, null, List.of());
    }

    static Phases pruningOnly(Endpoint local, List<Keep> keep) {
        return new Phases(null, null, List.of(Phase.PRUNING), List.of(), List.of(), local, keep);
    }

    private final String job;
    private final Phases phases;
    private final TaskRunner runner;
    private final Clock clock;
    private final List<PhaseReport> reports = new ArrayList<>();
    private int current = -1;
    private ReplicationDriver driver;
    private AttemptReport replication;
    private List<AttemptReport> attempts = List.of();
    private String error;
    private boolean cancelled;
    private final PruningPhases pruning;

    JobRun(String job, Phases phases, TaskRunner runner) {
        this.job = job;
        this.phases = phases;
        this.runner = runner;
        this.clock = runner.clock();
        this.pruning = new PruningPhases(job, phases, runner);
        for (Phase p : phases.order()) {
            reports.add(new PhaseReport(p, PhaseState.PENDING, null, null, null));
        }
    }

    /** Runs every phase in span {@code run}; an interruption (the job closing) ends the run early with a failed phase. */
    Result run() {
        try (Span s = Spans.begin("run")) {
            return runPhases();
        }
    }

    private Result runPhases() {
        try {
            for (int i = 0; i < phases.order().size(); i++) {
                synchronized (this) {
                    current = i;
                    reports.set(i, reports.get(i).running(clock.instant().toString()));
                }
                Phase p = phases.order().get(i);
                Ended e = p == Phase.REPLICATION ? replicate() : pruning.run(p);
                end(i, e.state(), e.why());
                if (!e.goOn()) {
                    break;
                }
            }
        } finally {
            pruning.close();
            synchronized (this) {
                current = -1;
            }
        }
        return snapshot();
    }

    /** The replication phase; not going on when interrupted: the run stops. */
    private Ended replicate() {
        ReplicationDriver d = new ReplicationDriver(phases.connector(), phases.settings(), runner);
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
                attempts = d.history();
            }
            return new Ended(a.state() == org.jzrepl.replication.report.AttemptState.DONE ? PhaseState.DONE
                    : PhaseState.FAILED, a.error(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (this) {
                replication = d.snapshot();
                attempts = d.history();
            }
            return new Ended(PhaseState.FAILED, "interrupted: the job is stopping", false);
        } catch (RuntimeException e) {
            String why = "replication run failed unexpectedly: " + e;
            LOG.error("job {}: {}", job, why, e);
            synchronized (this) {
                replication = d.snapshot();
                attempts = d.history();
                error = why;
            }
            return new Ended(PhaseState.FAILED, why, true);
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
        return new Result(a, current < 0 ? null : phases.order().get(current), reports, error, pruning.reports());
    }

    /** Every replication attempt of the run once replication ended, oldest first; empty before. */
    synchronized List<AttemptReport> attempts() {
        return attempts;
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
