package org.jzrepl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ThreadTaskRunnerTest {
    private final ThreadTaskRunner runner = new ThreadTaskRunner(Clock.systemUTC());

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void executedTasksRunAtOnceAndInParallelOnNamedThreads() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        Runnable blocking = () -> {
            thread.set(Thread.currentThread().getName());
            both.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Task a = runner.execute("job a run", blocking);
        runner.execute("job b run", blocking);
        assertTrue(both.await(10, TimeUnit.SECONDS), "two blocking tasks run at the same time");
        assertTrue(thread.get().startsWith("jzrepl-worker-") && thread.get().contains(" run"), thread.get());
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!a.done() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(a.done());
    }

    /** A clock that stands still until moved: the runner's idea of now. */
    private static final class StillClock extends Clock {
        private volatile Instant now;

        StillClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aTaskLessThanAMillisecondAheadWaitsForItsInstant() throws Exception {
        // it once ran up to a millisecond early (the wait was cut to whole milliseconds), and a
        // snapshot tick planned at 12:00:00.000 was named 11:59:59
        StillClock clock = new StillClock(Instant.parse("2026-03-01T11:59:59.9995Z"));
        try (ThreadTaskRunner still = new ThreadTaskRunner(clock)) {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicReference<Instant> ranAt = new AtomicReference<>();
            still.schedule("tick", Instant.parse("2026-03-01T12:00:00Z"), () -> {
                ranAt.set(clock.instant());
                ran.countDown();
            });
            assertFalse(ran.await(200, TimeUnit.MILLISECONDS), "ran at " + ranAt.get() + ", before its instant");
            clock.now = Instant.parse("2026-03-01T12:00:00Z");
            assertTrue(ran.await(5, TimeUnit.SECONDS), "ran once its instant came");
            assertEquals(Instant.parse("2026-03-01T12:00:00Z"), ranAt.get());
        }
    }

    @Test
    void scheduledTaskRunsNotBeforeItsInstant() throws Exception {
        Instant at = Instant.now().plusMillis(300);
        AtomicReference<Instant> ranAt = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        runner.schedule("later", at, () -> {
            ranAt.set(Instant.now());
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertFalse(ranAt.get().isBefore(at), ranAt.get() + " before " + at);
    }

    @Test
    void cancelledTaskNeverRunsAndAThrowingTaskDoesNotKillTheRunner() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        Task t = runner.schedule("cancelled", Instant.now().plusMillis(200), () -> ran.set(true));
        t.cancel();
        runner.execute("throws", () -> {
            throw new IllegalStateException("bug");
        });
        CountDownLatch after = new CountDownLatch(1);
        runner.schedule("after", Instant.now().plusMillis(400), after::countDown);
        assertTrue(after.await(10, TimeUnit.SECONDS));
        assertFalse(ran.get());
        assertTrue(t.done());
    }

    @Test
    void closeCancelsScheduledAndInterruptsRunning() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        runner.execute("sleeper", () -> {
            started.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(5).toMillis());
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        Task later = runner.schedule("never", Instant.now().plusSeconds(60), () -> { });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        runner.close();
        assertTrue(interrupted.get());
        assertTrue(later.done());
        Task afterClose = runner.execute("too late", () -> { });
        assertEquals(true, afterClose.done(), "a closed runner runs nothing");
    }
}
