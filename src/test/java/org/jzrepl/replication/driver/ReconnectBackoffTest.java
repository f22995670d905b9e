package org.jzrepl.replication.driver;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.testing.runtime.VirtualSleepRunner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ReconnectBackoffTest {
    private final ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    @Test
    void stepsDoubleFromTheFirstUpToTheMaximum() {
        List<Long> seconds = new ArrayList<>();
        for (int failures = 0; failures < 9; failures++) {
            seconds.add(backoff.step(failures).toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), seconds);
        assertEquals(Duration.ofMinutes(1), backoff.step(Integer.MAX_VALUE), "no overflow after many failures");
    }

    @Test
    void eachWaitLiesInTheUpperHalfOfItsStep() {
        for (int failures = 0; failures < 8; failures++) {
            Duration step = backoff.step(failures);
            assertEquals(step.dividedBy(2), backoff.delay(failures, 0.0));
            Duration top = backoff.delay(failures, Math.nextDown(1.0));
            assertTrue(top.compareTo(step) <= 0 && top.compareTo(step.multipliedBy(99).dividedBy(100)) > 0, top + " vs " + step);
            assertEquals(step.multipliedBy(3).dividedBy(4), backoff.delay(failures, 0.5));
        }
    }

    @Test
    void fiftyClientsFailingTogetherRetryAtSpreadInstants() {
        Random r = new Random(42);
        Set<Long> firstRetryMillis = new HashSet<>();
        for (int client = 0; client < 50; client++) {
            long ms = backoff.delay(0, r.nextDouble()).toMillis();
            assertTrue(ms >= 500 && ms < 1000, ms + " ms");
            firstRetryMillis.add(ms);
        }
        assertTrue(firstRetryMillis.size() >= 40, "50 retries at " + firstRetryMillis.size() + " distinct instants");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> backoff.delay(0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> backoff.delay(0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> backoff.step(-1));
    }

    @Test
    void theDriverDrawsJitterForEveryReconnectWaitAndSleepsOnTheRunnersTime() {
        FakeWorld world = new FakeWorld();
        world.snapshots("pool/a", "s1");
        FakeConnector connector = new FakeConnector(world)
                .failNext(new ConnectException("Connection refused"), new ConnectException("Connection refused"));
        List<Double> draws = new ArrayList<>();
        VirtualSleepRunner runner = new VirtualSleepRunner(Instant.parse("2026-01-01T00:00:00Z"));
        // reconnect within 80 ms: the first step is 10 ms, waits 5 ms and 10 ms with these draws
        ReplicationDriver d = new ReplicationDriver(connector, Drivers.settings(1).withRetries(3, Duration.ofMillis(80)),
                runner, () -> {
                    draws.add(0.0);
                    return 0.0;
                });
        AttemptReport r = assertDoesNotThrowRun(d);
        runner.close();
        assertEquals(AttemptState.DONE, r.state());
        assertEquals(3, connector.attempts());
        assertEquals(2, draws.size(), "one draw per wait before a reconnect try");
        assertEquals(List.of(Duration.ofMillis(5), Duration.ofMillis(10)), runner.slept(),
                "the backoff's lower halves, slept on the runner's time");
    }

    @Test
    @Timeout(20)
    void aTenMinuteReconnectWindowEndsOnTheRunnersClockNotTheWallClock() {
        FakeWorld world = new FakeWorld();
        world.snapshots("pool/a", "s1");
        IOException[] refusals = new IOException[200];
        java.util.Arrays.fill(refusals, new ConnectException("Connection refused"));
        FakeConnector connector = new FakeConnector(world).failNext(refusals);
        VirtualSleepRunner runner = new VirtualSleepRunner(Instant.parse("2026-01-01T00:00:00Z"));
        ReplicationDriver d = new ReplicationDriver(connector, Drivers.settings(1).withRetries(2, Duration.ofMinutes(10)),
                runner, () -> 0.999);
        AttemptReport r = assertDoesNotThrowRun(d);
        runner.close();
        assertEquals(AttemptState.FAILED, r.state());
        assertTrue(r.error().contains("no connection within PT10M"), r.error());
        Duration total = runner.slept().stream().reduce(Duration.ZERO, Duration::plus);
        assertEquals(Duration.ofMinutes(10), total, "the waits fill the window exactly: " + runner.slept());
        assertTrue(runner.slept().stream().allMatch(w -> w.compareTo(Duration.ofMinutes(1)) <= 0),
                "no wait is longer than the backoff's maximum: " + runner.slept());
    }

    private static AttemptReport assertDoesNotThrowRun(ReplicationDriver d) {
        try {
            return d.run();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
