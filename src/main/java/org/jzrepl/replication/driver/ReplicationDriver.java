package org.jzrepl.replication.driver;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.util.trace.Span;
import org.jzrepl.util.trace.Spans;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one replication of a job: up to {@code maxAttempts} attempts, each of which lists both sides,
 * plans, and runs the steps ({@link Attempt}). Only a connection failure leads to another attempt:
 * the driver then keeps trying to connect for up to {@code reconnectWait} (backing off from 1 s to
 * 1 min with jitter, {@link ReconnectBackoff}), and re-plans on the new session; the partial receive left behind has a resume token, so
 * the new plan resumes it. A re-plan never goes past the first plan's target for a filesystem.
 *
 * <p>Single use: {@link #run()} once, from one thread. {@link #cancel()} and {@link #snapshot()}
 * may be called from any thread at any time.
 */
public final class ReplicationDriver {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationDriver.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final EndpointConnector connector;
    private final DriverSettings settings;
    private final TaskRunner runner;
    private final Clock clock;
    private final DoubleSupplier jitter;
    private final AtomicInteger sessionsOpened = new AtomicInteger();
    private final CountDownLatch cancelLatch = new CountDownLatch(1);
    private final List<AttemptReport> finished = new ArrayList<>();
    private volatile AttemptTracker current;
    private Attempt attempt;
    private boolean started;

    /** @param runner runs the attempt's workers and receive calls; its clock and sleeper time the backoff */
    public ReplicationDriver(EndpointConnector connector, DriverSettings settings, TaskRunner runner) {
        this(connector, settings, runner, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param jitter uniform draws from [0, 1) for the reconnect backoff */
    ReplicationDriver(EndpointConnector connector, DriverSettings settings, TaskRunner runner,
                      DoubleSupplier jitter) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = runner.clock();
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    /**
     * Runs the attempt series and returns the last attempt's report (DONE, FAILED, PLANNING_ERROR or
     * CANCELLED). If the calling thread is interrupted, cancels and throws InterruptedException.
     */
    public AttemptReport run() throws InterruptedException {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("a ReplicationDriver runs once");
            }
            started = true;
        }
        try {
            return runAttempts();
        } catch (InterruptedException e) {
            cancel();
            throw e;
        }
    }

    private AttemptReport runAttempts() throws InterruptedException {
        Targets targets = new Targets();
        EndpointSession reconnected = null;
        for (int n = 1; ; n++) {
            AttemptTracker tracker = new AttemptTracker(clock, n, settings.maxAttempts());
            SessionPool pool = new SessionPool(connector, sessionsOpened);
            if (reconnected != null) {
                pool.offer(reconnected);
            }
            Attempt a = new Attempt(settings, tracker, pool, targets, runner);
            synchronized (this) {
                current = tracker;
                attempt = a;
            }
            if (cancelLatch.getCount() == 0) {
                a.cancel();
            }
            Attempt.Result r;
            try (Span s = Spans.begin("attempt", "attempt", Integer.toString(n))) {
                LOG.info("replication attempt {} of {}", n, settings.maxAttempts());
                r = a.run();
                pool.closeAll();
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted during replication attempt " + n);
            }
            boolean retry = r.connection() == FailureKind.CONNECTIVITY && n < settings.maxAttempts();
            if (!retry) {
                String error = r.connection() == FailureKind.CONNECTIVITY && settings.maxAttempts() > 1
                        ? r.error() + " (gave up after " + n + " attempts)" : r.error();
                return finish(tracker, r.state(), error);
            }
            tracker.state(AttemptState.RETRY_WAIT, r.error() + "; reconnecting to re-plan");
            LOG.warn("replication attempt {} failed: {}; reconnecting", n, r.error());
            synchronized (this) {
                finished.add(tracker.report());
            }
            try {
                reconnected = reconnect();
            } catch (IOException e) {
                return finish(tracker, cancelLatch.getCount() == 0 ? AttemptState.CANCELLED : AttemptState.FAILED,
                        r.error() + "; " + FailureKind.describe(e));
            }
            tracker.state(AttemptState.FAILED, r.error() + "; retried in attempt " + (n + 1));
            synchronized (this) {
                finished.set(finished.size() - 1, tracker.report());
            }
        }
    }

    private AttemptReport finish(AttemptTracker tracker, AttemptState state, String error) {
        tracker.state(state, error);
        AttemptReport report = tracker.report();
        synchronized (this) {
            if (finished.isEmpty() || finished.get(finished.size() - 1).attempt() != report.attempt()) {
                finished.add(report);
            } else {
                finished.set(finished.size() - 1, report);
            }
        }
        LOG.info("replication {}{}", state.name().toLowerCase(), error == null ? "" : ": " + error);
        return report;
    }

    /** Opens a session within {@code reconnectWait}, backing off with jitter between tries; throws when it cannot. */
    private EndpointSession reconnect() throws IOException, InterruptedException {
        Instant deadline = clock.instant().plus(settings.reconnectWait());
        Duration first = min(FIRST_BACKOFF, settings.reconnectWait().dividedBy(8));
        ReconnectBackoff backoff = first.isZero() ? null : new ReconnectBackoff(first, max(first, MAX_BACKOFF));
        IOException last = null;
        for (int failures = 0; ; failures++) {
            Duration wait = backoff == null ? Duration.ZERO : backoff.delay(failures, jitter.getAsDouble());
            wait = min(wait, max(Duration.ZERO, Duration.between(clock.instant(), deadline)));
            if (runner.sleeper().sleep(wait, cancelLatch)) {
                throw new IOException("cancelled while waiting to reconnect");
            }
            try {
                EndpointSession s = connector.open();
                sessionsOpened.incrementAndGet();
                return s;
            } catch (IOException e) {
                if (FailureKind.of(e) == FailureKind.FATAL) {
                    throw e;
                }
                last = e;
                LOG.info("reconnecting failed: {}", FailureKind.describe(e));
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new IOException("no connection within " + settings.reconnectWait() + ": "
                        + FailureKind.describe(last), last);
            }
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Cancels the run ({@code signal reset}): no new steps start, every session is closed so running
     * calls fail, and {@link #run()} returns a CANCELLED report promptly. Idempotent.
     */
    public void cancel() {
        cancelLatch.countDown();
        Attempt a;
        synchronized (this) {
            a = attempt;
        }
        if (a != null) {
            a.cancel();
        }
    }

    /** The current attempt's report, live while it runs; before run() a not-started report. */
    public AttemptReport snapshot() {
        AttemptTracker t = current;
        return t == null ? AttemptReport.notStarted(settings.maxAttempts()) : t.report();
    }

    /** Every attempt of the run so far, oldest first, the running one included. */
    public List<AttemptReport> history() {
        AttemptTracker t = current;
        List<AttemptReport> out;
        synchronized (this) {
            out = new ArrayList<>(finished);
        }
        if (t != null) {
            AttemptReport live = t.report();
            if (out.isEmpty() || out.get(out.size() - 1).attempt() != live.attempt()) {
                out.add(live);
            }
        }
        return List.copyOf(out);
    }

    /** Sessions opened so far over all attempts (for tests and metrics). */
    public int sessionsOpened() {
        return sessionsOpened.get();
    }
}
