package org.jzrepl.job;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jzrepl.endpoint.Endpoint;
import org.jzrepl.pruning.Keep;
import org.jzrepl.replication.driver.DriverSettings;
import org.jzrepl.replication.driver.EndpointConnector;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.transport.Connecter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job that runs: push, pull or snap, as zrepl's active job: a mode plus the phases of a run.
 * A run is triggered by the interval (pull), by the snapshotter's tick (push, snap) or by a
 * wakeup; its phases ({@link JobRun}) are replication then pruning of both sides (push, pull) or
 * pruning alone (snap). A trigger during a run is remembered and starts one run right after, so
 * no tick is lost. {@link #reset()} cancels the running replication.
 *
 * <p>Threads: none of its own. Runs, interval waits and the snapshotter's ticks are tasks on the
 * injected {@link TaskRunner}; its clock is the job's clock. A run that dies of an Error (a bug,
 * never a replication failure) marks the job FAILED; it runs no more until the daemon restarts.
 * Owns the transport connecter (null for snap) and the snapshotting, and closes both. The
 * triggers and states are {@link RunCycle}'s; running a run and telling its end, {@link
 * RunOutcomes}'s.
 */
public final class ActiveJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveJob.class);
    /** How long {@link #close()} waits for the running replication to end after cancelling it. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** Which side this daemon holds, or that it only snapshots and prunes. */
    public enum Mode { PULL, PUSH, SNAP }

    /** Where the job is. FAILED: a run died of an Error; {@code lastError} says why. */
    public enum State { STOPPED, WAITING, RUNNING, FAILED }

    private final String name;
    private final Mode mode;
    private final Optional<Duration> interval;
    private final Connecter connecter;
    private final JobRun.Phases phases;
    private final TaskRunner runner;
    private final Snapshotting snapshotting;
    private final List<String> warnings;
    private final RunOutcomes outcomes;
    private final RunCycle cycle;
    private volatile String bandwidthLimit;

    ActiveJob(String name, Mode mode, Optional<Duration> interval, Connecter connecter, JobRun.Phases phases,
              TaskRunner runner, Snapshotting snapshotting, List<String> warnings) {
        this.name = Objects.requireNonNull(name, "name");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.connecter = connecter;
        this.phases = Objects.requireNonNull(phases, "phases");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.snapshotting = snapshotting;
        this.warnings = List.copyOf(warnings);
        this.outcomes = new RunOutcomes(name, runner);
        this.cycle = new RunCycle(name, interval, phases, runner, outcomes);
    }

    /** A pull job: the sender behind {@code connecter}, the receiver local; runs on its interval, then prunes by {@code keep}. */
    public static ActiveJob pull(String name, Optional<Duration> interval, Connecter connecter,
                                 org.jzrepl.rpc.RpcSettings rpc, org.jzrepl.endpoint.Receiver local,
                                 DriverSettings settings, KeepRules keep, TaskRunner runner, List<String> warnings) {
        return new ActiveJob(name, Mode.PULL, interval, connecter, JobRun.replicating(
                RemoteConnector.pull(connecter, rpc, local), settings, keep.sender(), keep.receiver()), runner, null,
                warnings);
    }

    /** A push job: the sender local, the receiver behind {@code connecter}; its snapshotter's ticks run it. */
    public static ActiveJob push(String name, Snapshotting snapshotting, Connecter connecter,
                                 org.jzrepl.rpc.RpcSettings rpc, org.jzrepl.endpoint.Sender local,
                                 DriverSettings settings, KeepRules keep, TaskRunner runner, List<String> warnings) {
        return new ActiveJob(name, Mode.PUSH, Optional.empty(), connecter, JobRun.replicating(
                RemoteConnector.push(connecter, rpc, local), settings, keep.sender(), keep.receiver()), runner,
                snapshotting, warnings);
    }

    /** A snap job: its snapshotter's ticks run the pruning of {@code local}'s filesystems by {@code keep}. */
    public static ActiveJob snap(String name, Snapshotting snapshotting, Endpoint local, List<Keep> keep,
                                 TaskRunner runner, List<String> warnings) {
        return new ActiveJob(name, Mode.SNAP, Optional.empty(), null, JobRun.pruningOnly(local, keep), runner,
                snapshotting, warnings);
    }

    /** A job over any endpoint connector, for tests and tools. */
    static ActiveJob of(String name, Mode mode, Optional<Duration> interval, Connecter connecter,
                        EndpointConnector connector, DriverSettings settings, TaskRunner runner, List<String> warnings) {
        return new ActiveJob(name, mode, interval, connecter, JobRun.replicating(connector, settings, List.of(),
                List.of()), runner, null, warnings);
    }

    /** Shows the job's bandwidth limit ({@code send 4 MiB/s ...}) in its report; call before {@link #start()}. */
    public ActiveJob withBandwidthLimit(String description) {
        this.bandwidthLimit = description;
        return this;
    }

    /** Tells {@code o} about every finished run from now on (the daemon's metrics); set before {@link #start()}. */
    public ActiveJob observedBy(RunObserver o) {
        outcomes.observedBy(o);
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return mode.name().toLowerCase(java.util.Locale.ROOT);
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public void start() {
        cycle.start();
        if (snapshotting != null) {
            snapshotting.start(runner, this::snapshotTaken);
        }
        LOG.info("job {} ({}) started, {}", name, type(), describeTrigger());
    }

    private String describeTrigger() {
        if (interval.isPresent()) {
            return "runs every " + interval.get();
        }
        if (snapshotting != null && snapshotting.takesSnapshots()) {
            return "runs after each snapshot tick";
        }
        return "runs on wakeup only";
    }

    /** The snapshotter finished a tick: run now, or right after the running run. */
    void snapshotTaken() {
        cycle.trigger("snapshot tick");
    }

    @Override
    public void wakeup() {
        cycle.trigger("wakeup");
    }

    @Override
    public void reset() {
        JobRun r = cycle.status().running();
        if (r != null) {
            LOG.info("job {}: reset, cancelling the running replication", name);
            r.cancel();
        }
    }

    /** Plans with the pruners a run would build; may run beside a run (it only lists). */
    @Override
    public PruneDryRun pruneDryRun(String filesystem) {
        return PruneDryRun.plan(name, phases, filesystem);
    }

    @Override
    public JobReport report() {
        RunCycle.Status s = cycle.status();
        JobRun.Result last = s.last();
        JobReport.Active base = new JobReport.Active(name, type(), s.state(), interval.map(Duration::toString)
                .orElse(null), s.nextRun() == null ? null : s.nextRun().toString(), s.runs(), null,
                last == null ? null : last.replication(), s.lastError(), warnings, null,
                last == null ? List.of() : last.phases(), snapshotting == null ? null : snapshotting.report(),
                last == null ? List.of() : last.pruning(), bandwidthLimit);
        if (s.running() == null) {
            return base;
        }
        JobRun.Result now = s.running().snapshot();
        return base.withCurrent(now.replication(), now.phase(), now.phases(), now.pruning());
    }

    /** Blocks until {@code count} runs have finished or the timeout passes; for tests and the CLI. */
    public boolean awaitRuns(long count, Duration timeout) throws InterruptedException {
        return cycle.awaitRuns(count, timeout);
    }

    @Override
    public void close() {
        RunCycle.Closing closing = cycle.close();
        if (closing == null) {
            return;
        }
        if (snapshotting != null) {
            snapshotting.close();
        }
        cycle.stop(closing, STOP_TIMEOUT);
        if (connecter != null) {
            try {
                connecter.close();
            } catch (IOException e) {
                LOG.warn("job {}: closing its transport failed: {}", name, e.toString());
            }
        }
    }
}
