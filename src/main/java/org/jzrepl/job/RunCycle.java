package org.jzrepl.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jzrepl.job.ActiveJob.State;
import org.jzrepl.runtime.Task;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.util.log.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trigger and state machine of an {@link ActiveJob}, under one lock: a trigger (interval,
 * snapshot tick, wakeup) starts a run now or, during a run, one run right after it; a finished
 * run is counted, wakes {@link #awaitRuns} and plans the next ({@link NextRun}). Runs and interval
 * waits are tasks on the job's {@link TaskRunner}; {@link RunOutcomes} runs each and tells its end.
 *
 * <p>Logs as {@link ActiveJob}: log level settings and the scripts name that logger's lines.
 */
final class RunCycle {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveJob.class);

    private final String name;
    private final Optional<Duration> interval;
    private final JobRun.Phases phases;
    private final TaskRunner runner;
    private final RunOutcomes outcomes;

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

    RunCycle(String name, Optional<Duration> interval, JobRun.Phases phases, TaskRunner runner, RunOutcomes outcomes) {
        this.name = name;
        this.interval = interval;
        this.phases = phases;
        this.runner = runner;
        this.outcomes = outcomes;
    }

    /** The cycle as one view: its state, the last finished run and the running one (null if none). */
    record Status(State state, Instant nextRun, long runs, JobRun.Result last, String lastError, JobRun running) { }

    /** The run (and its task) that {@link #close()} found running, to stop with {@link #stop}. */
    record Closing(JobRun run, Task task) { }

    /** Starts waiting for triggers; an interval job runs at once, like zrepl. */
    void start() {
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("job " + name + " already started");
            }
            started = true;
            state = State.WAITING;
            if (interval.isPresent()) {
                scheduleLocked(runner.clock().instant());
            }
        }
    }

    /** Runs now, or right after the running run; ignored before start, after close or once FAILED. */
    void trigger(String why) {
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

    Status status() {
        synchronized (lock) {
            return new Status(state, nextRun, runs, last, lastError, running);
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
        RunOutcomes.Ended ended = outcomes.run(run);
        long number;
        synchronized (lock) {
            number = runs + 1;
        }
        // the observer hears of the run before anyone waiting for it does: a scrape after
        // awaitRuns must already count the run's bytes
        outcomes.tellObserver(number, ended);
        synchronized (lock) {
            running = null;
            runTask = null;
            runs = number;
            if (ended.died() != null) {
                state = State.FAILED;
                nextRun = null;
                lastError = "job run died: " + ended.died() + "; the job runs no more until the daemon restarts";
                last = run.snapshot();
            } else {
                last = ended.result();
                lastError = ended.result().error();
                state = closed ? State.STOPPED : State.WAITING;
                NextRun next = NextRun.afterRun(!closed, pending, interval, ended.startedAt(), runner.clock().instant());
                if (next.kind() == NextRun.Kind.NOW) {
                    startRunLocked();
                } else if (next.kind() == NextRun.Kind.AT) {
                    scheduleLocked(next.at());
                }
            }
            lock.notifyAll();
        }
        // logged once the status shows the run (scripts wait for this line, then read the status)
        outcomes.logEnd(ended);
    }

    /** Blocks until {@code count} runs have finished or the timeout passes. */
    boolean awaitRuns(long count, Duration timeout) throws InterruptedException {
        return awaitLocked(() -> runs >= count, timeout);
    }

    /** Takes no more triggers and cancels the next interval; null if already closed. */
    Closing close() {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            closed = true;
            if (intervalTask != null) {
                intervalTask.cancel();
            }
            nextRun = null;
            if (state == State.WAITING) {
                state = State.STOPPED;
            }
            return new Closing(running, runTask);
        }
    }

    /** Cancels the run {@link #close()} found and waits for it, interrupting it after {@code timeout}. */
    void stop(Closing c, Duration timeout) {
        if (c.run() == null) {
            return;
        }
        c.run().cancel();
        if (!awaitIdle(timeout) && c.task() != null) {
            LOG.warn("job {}: its run did not stop within {}; interrupting it", name, timeout);
            c.task().cancel();
            awaitIdle(Duration.ofSeconds(5));
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
    private boolean awaitLocked(BooleanSupplier done, Duration timeout) throws InterruptedException {
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
