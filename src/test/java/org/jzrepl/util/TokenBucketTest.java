package org.jzrepl.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bucket's accounting on a fake clock whose sleeps advance it. */
class TokenBucketTest {
    private long now = 1_000_000_000L;
    private final List<Long> sleeps = new ArrayList<>();

    private TokenBucket bucket(double rate, double capacity) {
        return new TokenBucket(rate, capacity, () -> now, n -> {
            sleeps.add(n);
            now += n;
        });
    }

    @Test
    void startsFullSoABurstOfTheCapacityPassesWithoutSleeping() throws Exception {
        TokenBucket b = bucket(1000, 500);
        b.take(200);
        b.take(300);
        assertEquals(List.of(), sleeps);
    }

    @Test
    void aTakeBeyondTheTokensSleepsUntilTheDebtIsRefilled() throws Exception {
        TokenBucket b = bucket(1000, 500);
        b.take(500);
        b.take(250);
        assertEquals(List.of(250_000_000L), sleeps, "250 bytes at 1000 B/s");
    }

    @Test
    void refillStopsAtTheCapacity() throws Exception {
        TokenBucket b = bucket(1000, 500);
        b.take(500);
        now += 10_000_000_000L;   // 10 s idle would be 10000 tokens, but the bucket holds 500
        b.take(1000);
        assertEquals(List.of(500_000_000L), sleeps);
    }

    @Test
    void takersQueueBehindEachOtherSoTheAggregateIsTheRate() throws Exception {
        TokenBucket b = bucket(1000, 100);
        b.take(100);
        long start = now;
        // two streams alternating 100-byte reads: 2000 bytes must take 2 s of the fake clock
        for (int i = 0; i < 20; i++) {
            b.take(100);
        }
        assertEquals(2_000_000_000L, now - start);
    }

    @Test
    void aTakerWhileAnotherSleepsWaitsForBothDebts() throws Exception {
        // the clock stands still, as when two threads reserve before either has slept
        TokenBucket b = new TokenBucket(1000, 100, () -> now, n -> sleeps.add(n));
        b.take(100);
        b.take(100);
        b.take(100);
        assertEquals(List.of(100_000_000L, 200_000_000L), sleeps);
    }

    @Test
    void anInterruptedSleepIsAnInterruptedIoExceptionAndKeepsTheFlag() {
        TokenBucket b = new TokenBucket(1000, 1, () -> now, n -> {
            throw new InterruptedException();
        });
        try {
            assertThrows(InterruptedIOException.class, () -> b.take(10));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void refusesNonPositiveRatesAndCapacities() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(Double.NaN, 1));
    }
}
