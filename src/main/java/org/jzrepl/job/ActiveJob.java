package org.jzrepl.job;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jzrepl.replication.driver.DriverSettings;
import org.jzrepl.replication.driver.EndpointConnector;
import org.jzrepl.replication.driver.ReplicationDriver;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.transport.Connecter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pull or push job: on its interval (or only on {@link #wakeup()} when manual) runs one
 * replication with a fresh {@link ReplicationDriver}; {@link #reset()} cancels the running one.
 * The mode only decides which endpoint is local, which the connector already encodes.
 *
 * <p>Threads: one loop thread per job ({@code jzrepl-job-NAME}); the driver's own workers below
 * it. A wakeup during a run is remembered and starts the next run right after. Owns the transport
 * connecter and closes it in {@link #close()}.
 */
public final class ActiveJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveJob.class);
    /** How long {@link #close()} waits for the running replication to end after cancelling it. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** Which side this daemon holds. */
    public enum Mode { PULL, PUSH }

    /**
     * Where the job's loop is. FAILED: the loop thread died of an unexpected error (a bug, never a
     * replication failure, which only fails the run); the job runs no more until the daemon
     * restarts, and the report's {@code lastError} says why.
     */
    public enum State { STOPPED, WAITING, RUNNING, FAILED }

    private final String name;
    private final Mode mode;
    private final Optional<Duration> interval;
    private final Connecter connecter;
    private final EndpointConnector connector;
    private final DriverSettings settings;
    private final Clock clock;
    private final List<String> warnings;

    private final Object lock = new Object();
    private Thread thread;
    private boolean wakeupPending;
    private boolean closed;
    private State state = State.STOPPED;
    private Instant nextRun;
    private ReplicationDriver running;
    private AttemptReport last;
    private long runs;
    private String lastError;

    /**
     * @param connecter closed with the job; {@code connector} dials through it
     * @param interval  empty: manual, runs only on wakeup
     */
    ActiveJob(String name, Mode mode, Optional<Duration> interval, Connecter connecter, EndpointConnector connector,
              DriverSettings settings, Clock clock, List<String> warnings) {
        this.name = Objects.requireNonNull(name, "name");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.connecter = Objects.requireNonNull(connecter, "connecter");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.warnings = List.copyOf(warnings);
    }

    /** A pull job: the sender behind {@code connecter}, the receiver local. */
    public static ActiveJob pull(String name, Optional<Duration> interval, Connecter connecter,
                                 org.jzrepl.rpc.RpcSettings rpc, org.jzrepl.endpoint.Receiver local,
                                 DriverSettings settings, Clock clock, List<String> warnings) {
        return new ActiveJob(name, Mode.PULL, interval, connecter, RemoteConnector.pull(connecter, rpc, local),
                settings, clock, warnings);
    }

    /** A push job: the sender local, the receiver behind {@code connecter}. */
    public static ActiveJob push(String name, Optional<Duration> interval, Connecter connecter,
                                 org.jzrepl.rpc.RpcSettings rpc, org.jzrepl.endpoint.Sender local,
                                 DriverSettings settings, Clock clock, List<String> warnings) {
        return new ActiveJob(name, Mode.PUSH, interval, connecter, RemoteConnector.push(connecter, rpc, local),
                settings, clock, warnings);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return mode == Mode.PULL ? "pull" : "push";
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (thread != null || closed) {
                throw new IllegalStateException("job " + name + " already started");
            }
            state = State.WAITING;
            nextRun = interval.isPresent() ? clock.instant() : null;   // interval jobs run at start, like zrepl
            thread = new Thread(this::loop, "jzrepl-job-" + name);
            thread.setDaemon(true);
            thread.start();
        }
        LOG.info("job {} ({}) started, {}", name, type(),
                interval.map(i -> "runs every " + i).orElse("runs on wakeup only (interval: manual)"));
    }

    @Override
    public void wakeup() {
        synchronized (lock) {
            if (state == State.FAILED) {
                LOG.warn("job {}: wakeup ignored, the job has failed: {}", name, lastError);
                return;
            }
            wakeupPending = true;
            lock.notifyAll();
        }
    }

    @Override
    public void reset() {
        ReplicationDriver d;
        synchronized (lock) {
            d = running;
        }
        if (d != null) {
            LOG.info("job {}: reset, cancelling the running replication", name);
            d.cancel();
        }
    }

    private void loop() {
        Throwable died = null;
        try {
            while (awaitNextRun()) {
                runOnce();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            died = t;
        } finally {
            synchronized (lock) {
                state = died == null ? State.STOPPED : State.FAILED;
                nextRun = null;
                if (died != null) {
                    lastError = "job thread died: " + died + "; the job runs no more until the daemon restarts";
                }
                lock.notifyAll();
            }
        }
        if (died != null) {
            LOG.error("job {} failed: its thread died of {}; the job runs no more until the daemon restarts",
                    name, died, died);
        }
    }

    /** Waits for a wakeup, the interval, or close; false when closed. */
    private boolean awaitNextRun() throws InterruptedException {
        synchronized (lock) {
            while (!closed) {
                if (wakeupPending) {
                    wakeupPending = false;
                    return true;
                }
                if (nextRun != null) {
                    long wait = Duration.between(clock.instant(), nextRun).toMillis();
                    if (wait <= 0) {
                        return true;
                    }
                    lock.wait(wait);
                } else {
                    lock.wait();
                }
            }
            return false;
        }
    }

    private void runOnce() throws InterruptedException {
        ReplicationDriver driver = new ReplicationDriver(connector, settings, clock);
        Instant startedAt = clock.instant();
        synchronized (lock) {
            if (closed) {
                return;
            }
            running = driver;
            state = State.RUNNING;
            nextRun = null;
        }
        LOG.info("job {}: replication run starts", name);
        AttemptReport result = null;
        String error = null;
        try {
            result = driver.run();
        } catch (RuntimeException e) {
            error = "replication run failed unexpectedly: " + e;
            LOG.error("job {}: {}", name, error, e);
            result = driver.snapshot();
        } finally {
            synchronized (lock) {
                running = null;
                last = result;
                lastError = error;
                runs++;
                state = State.WAITING;
                nextRun = interval.map(startedAt::plus).map(t -> t.isBefore(clock.instant()) ? clock.instant() : t)
                        .orElse(null);
                lock.notifyAll();
            }
        }
        // logged once the status shows the run (scripts wait for this line, then read the status)
        LOG.info("job {}: replication run ended {} ({} of {} steps, {} bytes){}", name, result.state(),
                result.stepsDone(), result.stepsTotal(), result.bytesReplicated(),
                result.error() == null ? "" : ": " + result.error());
    }

    @Override
    public JobReport report() {
        ReplicationDriver d;
        JobReport.Active r;
        synchronized (lock) {
            d = running;
            r = new JobReport.Active(name, type(), state, interval.map(Duration::toString).orElse(null),
                    nextRun == null ? null : nextRun.toString(), runs, null, last, lastError, warnings);
        }
        if (d == null) {
            return r;
        }
        return new JobReport.Active(r.name(), r.type(), r.state(), r.interval(), r.nextRunAt(), r.runs(),
                d.snapshot(), r.last(), r.lastError(), r.warnings());
    }

    /** Blocks until {@code runs} runs have finished or the timeout passes; for tests and the CLI. */
    public boolean awaitRuns(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (runs < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    @Override
    public void close() {
        Thread t;
        ReplicationDriver d;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
            d = running;
            lock.notifyAll();
        }
        if (d != null) {
            d.cancel();
        }
        if (t != null) {
            try {
                t.join(STOP_TIMEOUT.toMillis());
                if (t.isAlive()) {
                    LOG.warn("job {}: replication did not stop within {}; interrupting it", name, STOP_TIMEOUT);
                    t.interrupt();
                    t.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            connecter.close();
        } catch (IOException e) {
            LOG.warn("job {}: closing its transport failed: {}", name, e.toString());
        }
    }
}
