package org.jzrepl.job;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jzrepl.endpoint.Endpoint;
import org.jzrepl.pruning.Keep;
import org.jzrepl.replication.driver.DriverSettings;
import org.jzrepl.replication.driver.EndpointConnector;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.runtime.Task;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.transport.Connecter;
import org.jzrepl.util.log.LogContext;
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
 * Owns the transport connecter (null for snap) and the snapshotting, and closes both.
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
    private volatile RunObserver observer = RunObserver.NONE;

    private final Object lock = new Object();
    private boolean started;
    private boolean closed;
    private boolean pending;
    private State state = State.STOPPED;
    private Instant nextRun;
    private Task intervalTask;
    private Task runTask;
    private JobRun running;
    private JobRun.Result last;
    private long runs;
    private String lastError;
    private String bandwidthLimit;

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
        synchronized (lock) {
            this.bandwidthLimit = description;
        }
        return this;
    }

    /** Tells {@code o} about every finished run from now on (the daemon's metrics); set before {@link #start()}. */
    public ActiveJob observedBy(RunObserver o) {
        this.observer = Objects.requireNonNull(o, "observer");
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
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("job " + name + " already started");
            }
            started = true;
            state = State.WAITING;
            if (interval.isPresent()) {   // interval jobs run at start, like zrepl
                scheduleLocked(runner.clock().instant());
            }
        }
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
        trigger("snapshot tick");
    }

    @Override
    public void wakeup() {
        trigger("wakeup");
    }

    private void trigger(String why) {
        synchronized (lock) {
            if (state == State.FAILED) {
                LOG.warn("job {}: {} ignored, the job has failed: {}", name, why, lastError);
                return;
            }
            switch (NextRun.onTrigger(started && !closed, running != null).kind()) {
                case NOW -> startRunLocked();
                case AFTER_CURRENT -> pending = true;
                default -> { }
            }
        }
    }

    @Override
    public void reset() {
        JobRun r;
        synchronized (lock) {
            r = running;
        }
        if (r != null) {
            LOG.info("job {}: reset, cancelling the running replication", name);
            r.cancel();
        }
    }

    private void scheduleLocked(Instant at) {
        nextRun = at;
        intervalTask = runner.schedule("job " + name + " interval", at, () -> trigger("interval"));
    }

    private void startRunLocked() {
        if (intervalTask != null) {
            intervalTask.cancel();
            intervalTask = null;
        }
        JobRun run = new JobRun(name, phases, runner);
        running = run;
        pending = false;
        nextRun = null;
        state = State.RUNNING;
        runTask = runner.execute("job " + name + " run", () -> {
            try (LogContext.Scope j = LogContext.with(LogContext.JOB, name)) {
                runAndRecord(run);
            }
        });
    }

    private void runAndRecord(JobRun run) {
        Instant startedAt = runner.clock().instant();
        JobRun.Result result = null;
        Throwable died = null;
        long number;
        try {
            result = run.run();
        } catch (Throwable t) {
            died = t;
        }
        synchronized (lock) {
            number = runs + 1;
        }
        // the observer hears of the run before anyone waiting for it does: a scrape after
        // awaitRuns must already count the run's bytes
        JobRun.Result ended = died != null ? run.snapshot() : result;
        try {
            observer.runEnded(new RunObserver.FinishedRun(name, number, startedAt, runner.clock().instant(),
                    run.attempts(), ended.phases(), ended.pruning()));
        } catch (RuntimeException e) {
            LOG.warn("job {}: the run observer failed: {}", name, e.toString());
        }
        synchronized (lock) {
            running = null;
            runTask = null;
            runs = number;
            if (died != null) {
                state = State.FAILED;
                nextRun = null;
                lastError = "job run died: " + died + "; the job runs no more until the daemon restarts";
                last = run.snapshot();
            } else {
                last = result;
                lastError = result.error();
                state = closed ? State.STOPPED : State.WAITING;
                NextRun next = NextRun.afterRun(!closed, pending, interval, startedAt, runner.clock().instant());
                if (next.kind() == NextRun.Kind.NOW) {
                    startRunLocked();
                } else if (next.kind() == NextRun.Kind.AT) {
                    scheduleLocked(next.at());
                }
            }
            lock.notifyAll();
        }
        if (died != null) {
            LOG.error("job {} failed: its run died of {}; the job runs no more until the daemon restarts",
                    name, died, died);
            return;
        }
        // logged once the status shows the run (scripts wait for this line, then read the status)
        LOG.info("job {}: {}", name, describeEnd(result.replication()));
    }

    private static String describeEnd(AttemptReport a) {
        return a == null ? "run ended" : "replication run ended " + a.state() + " (" + a.stepsDone() + " of "
                + a.stepsTotal() + " steps, " + a.bytesReplicated() + " bytes)"
                + (a.error() == null ? "" : ": " + a.error());
    }

    /** Plans with the pruners a run would build; may run beside a run (it only lists). */
    @Override
    public PruneDryRun pruneDryRun(String filesystem) {
        return PruneDryRun.plan(name, phases, filesystem);
    }

    @Override
    public JobReport report() {
        JobRun r;
        JobReport.Active base;
        synchronized (lock) {
            r = running;
            base = new JobReport.Active(name, type(), state, interval.map(Duration::toString).orElse(null),
                    nextRun == null ? null : nextRun.toString(), runs, null, last == null ? null : last.replication(),
                    lastError, warnings, null, last == null ? List.of() : last.phases(),
                    snapshotting == null ? null : snapshotting.report(), last == null ? List.of() : last.pruning(),
                    bandwidthLimit);
        }
        if (r == null) {
            return base;
        }
        JobRun.Result now = r.snapshot();
        return base.withCurrent(now.replication(), now.phase(), now.phases(), now.pruning());
    }

    /** Blocks until {@code count} runs have finished or the timeout passes; for tests and the CLI. */
    public boolean awaitRuns(long count, Duration timeout) throws InterruptedException {
        return awaitLocked(() -> runs >= count, timeout);
    }

    @Override
    public void close() {
        JobRun r;
        Task task;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (intervalTask != null) {
                intervalTask.cancel();
            }
            nextRun = null;
            r = running;
            task = runTask;
            if (state == State.WAITING) {
                state = State.STOPPED;
            }
        }
        if (snapshotting != null) {
            snapshotting.close();
        }
        if (r != null) {
            r.cancel();
            if (!awaitIdle(STOP_TIMEOUT) && task != null) {
                LOG.warn("job {}: its run did not stop within {}; interrupting it", name, STOP_TIMEOUT);
                task.cancel();
                awaitIdle(Duration.ofSeconds(5));
            }
        }
        if (connecter != null) {
            try {
                connecter.close();
            } catch (IOException e) {
                LOG.warn("job {}: closing its transport failed: {}", name, e.toString());
            }
        }
    }

    private boolean awaitIdle(Duration timeout) {
        try {
            return awaitLocked(() -> running == null, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits, holding the lock between checks, until {@code done} holds or the timeout passes. */
    private boolean awaitLocked(java.util.function.BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
