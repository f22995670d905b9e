package org.jzrepl.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RatesTest {
    static final Instant T0 = Instant.parse("2025-03-04T12:00:00Z");

    static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    @Test
    void unknownAfterOneSampleThenTheRateBetweenTwo() {
        Rates r = new Rates();
        r.sample("k", 1000, at(0));
        assertEquals(OptionalDouble.empty(), r.rate("k"));
        r.sample("k", 101_000, at(1));
        assertEquals(100_000, r.rate("k").getAsDouble(), 1e-6);
    }

    @Test
    void oneFastSecondMovesTheSmoothedRateOnlyPartWay() {
        Rates r = new Rates();
        long bytes = 0;
        for (int s = 0; s <= 10; s++) {
            r.sample("k", bytes, at(s));
            bytes += 100_000;
        }
        assertEquals(100_000, r.rate("k").getAsDouble(), 1e-6);
        r.sample("k", bytes - 100_000 + 1_000_000, at(11)); // a burst of 1 MB in one second
        double after = r.rate("k").getAsDouble();
        assertTrue(after > 200_000 && after < 500_000, "smoothed: " + after);
    }

    @Test
    void burstyUpdatesAverageOverTheTimeSinceTheLastChange() {
        Rates r = new Rates();
        r.sample("k", 0, at(0));
        r.sample("k", 0, at(1));
        r.sample("k", 300_000, at(3)); // the count moved once in 3 s
        assertEquals(100_000, r.rate("k").getAsDouble(), 1e-6);
    }

    @Test
    void resetsToZeroAfterFiveSecondsWithoutChangeAndStartsAfreshWhenMovingAgain() {
        Rates r = new Rates(Duration.ofSeconds(5));
        r.sample("k", 0, at(0));
        r.sample("k", 500_000, at(1));
        r.sample("k", 500_000, at(5.9));
        assertEquals(500_000, r.rate("k").getAsDouble(), 1e-6, "not yet stalled");
        assertNull(r.stalledFor("k", at(5.9)));
        r.sample("k", 500_000, at(6));
        assertEquals(0, r.rate("k").getAsDouble());
        assertEquals(Duration.ofSeconds(7), r.stalledFor("k", at(8)));
        r.sample("k", 600_000, at(9));
        assertEquals(OptionalDouble.empty(), r.rate("k"), "the stall does not drag the new rate down");
        r.sample("k", 700_000, at(10));
        assertEquals(100_000, r.rate("k").getAsDouble(), 1e-6);
    }

    @Test
    void aCountGoingBackwardsIsANewStep() {
        Rates r = new Rates();
        r.sample("k", 0, at(0));
        r.sample("k", 1_000_000, at(1));
        r.sample("k", 10, at(2));
        assertEquals(OptionalDouble.empty(), r.rate("k"));
    }

    @Test
    void observingAReportKeepsOnlyRunningStepsAndLayoutUsesTheSmoothedRate() {
        Rates r = new Rates();
        r.observe(SampleReports.midTransfer(1L << 20), at(0));
        r.observe(SampleReports.midTransfer((1L << 20) + 200_000), at(1));
        String key = Rates.key("backup", "tank/data", 0);
        assertEquals(200_000, r.rate(key).getAsDouble(), 1e-6);
        assertEquals(OptionalDouble.empty(), r.rate(Rates.key("backup", "tank/data/child", 0)));
        String screen = String.join("\n", new StatusLayout(r, StatusLayoutTest.CLOCK)
                .screen(SampleReports.midTransfer((1L << 20) + 200_000), null, ViewState.initial(), 100, 24));
        assertTrue(screen.contains("195 KiB/s  ETA 15s"), screen);
        r.observe(new org.jzrepl.daemon.status.DaemonReport("v", 1, SampleReports.NOW, java.util.List.of()), at(2));
        assertEquals(OptionalDouble.empty(), r.rate(key), "forgotten once not running");
    }
}
