package org.jzrepl.replication.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jzrepl.testing.runtime.FakeTaskRunner;
import org.junit.jupiter.api.Test;

class StallWatchdogTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private final FakeTaskRunner runner = new FakeTaskRunner(Instant.parse("2024-05-01T10:00:00Z"));
    private final List<String> aborted = new ArrayList<>();

    @Test
    void abortsAStepWhoseByteCountHasNotMovedForTheTimeout() {
        StallWatchdog w = new StallWatchdog(runner, FIVE_MINUTES);
        AtomicLong bytes = new AtomicLong();
        w.watch("a", bytes::get, why -> aborted.add("a: " + why));

        runner.advance(Duration.ofMinutes(2));
        bytes.addAndGet(4096);                        // moved at 10:02
        runner.advance(Duration.ofMinutes(4).plusSeconds(50));
        assertEquals(List.of(), aborted, "4m50s after its last move it is not stalled yet");

        runner.advance(Duration.ofSeconds(20));
        assertEquals(List.of("a: no progress for 5m: aborted, resuming from its resume token"), aborted);
        runner.advance(Duration.ofMinutes(30));
        assertEquals(1, aborted.size(), "a step is aborted once");
    }

    @Test
    void aStepThatKeepsMovingIsNeverAborted() {
        StallWatchdog w = new StallWatchdog(runner, FIVE_MINUTES);
        AtomicLong bytes = new AtomicLong();
        w.watch("a", bytes::get, why -> aborted.add("a"));
        for (int i = 0; i < 60; i++) {
            bytes.incrementAndGet();
            runner.advance(Duration.ofMinutes(1));
        }
        assertEquals(List.of(), aborted);
    }

    @Test
    void aStepThatSendsNothingAtAllStallsFromItsStart() {
        StallWatchdog w = new StallWatchdog(runner, Duration.ofSeconds(10));
        w.watch("a", () -> 0, why -> aborted.add(why));
        runner.advance(Duration.ofSeconds(9));
        assertEquals(List.of(), aborted);
        runner.advance(Duration.ofSeconds(3));
        assertEquals(List.of("no progress for 10s: aborted, resuming from its resume token"), aborted);
    }

    @Test
    void onlyTheStalledOneOfTwoStepsIsAbortedAndAnEndedStepIsForgotten() {
        StallWatchdog w = new StallWatchdog(runner, FIVE_MINUTES);
        AtomicLong moving = new AtomicLong();
        w.watch("moving", moving::get, why -> aborted.add("moving"));
        w.watch("stuck", () -> 42, why -> aborted.add("stuck"));
        w.watch("ended", () -> 7, why -> aborted.add("ended"));
        w.unwatch("ended");
        for (int i = 0; i < 7; i++) {
            moving.incrementAndGet();
            runner.advance(Duration.ofMinutes(1));
        }
        assertEquals(List.of("stuck"), aborted);
    }

    @Test
    void zeroTurnsTheWatchdogOffAndSchedulesNothing() {
        StallWatchdog w = new StallWatchdog(runner, Duration.ZERO);
        w.watch("a", () -> 0, why -> aborted.add("a"));
        assertEquals(List.of(), runner.scheduledTimes());
        runner.advance(Duration.ofDays(1));
        assertEquals(List.of(), aborted);
    }

    @Test
    void stopCancelsTheChecks() {
        StallWatchdog w = new StallWatchdog(runner, FIVE_MINUTES);
        w.watch("a", () -> 0, why -> aborted.add("a"));
        assertEquals(1, runner.scheduledTimes().size());
        w.stop();
        runner.advance(Duration.ofHours(1));
        assertEquals(List.of(), aborted);
        assertTrue(runner.scheduledTimes().isEmpty());
    }

    @Test
    void checksAFifthOfTheTimeoutApartWithinBounds() {
        assertEquals(Duration.ofSeconds(10), StallWatchdog.period(FIVE_MINUTES));
        assertEquals(Duration.ofSeconds(2), StallWatchdog.period(Duration.ofSeconds(10)));
        assertEquals(Duration.ofMillis(10), StallWatchdog.period(Duration.ofMillis(20)));
    }
}
