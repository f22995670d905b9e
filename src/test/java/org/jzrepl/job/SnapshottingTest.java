package org.jzrepl.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jzrepl.snapshot.NextTick;
import org.jzrepl.testing.runtime.FakeTaskRunner;
import org.junit.jupiter.api.Test;

class SnapshottingTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final FakeTaskRunner runner = new FakeTaskRunner(T0);
    private final List<String> notified = new ArrayList<>();

    /** Sync-up fails {@code failures} times (next try in 10 min), then ticks every minute; each tick skips {@code skips}. */
    private static final class Scripted implements Snapshotting.Snapper {
        int failures;
        int skips;
        int ticks;
        int closed;

        @Override
        public void close() {
            closed++;
        }

        @Override
        public String type() {
            return "cron";
        }

        @Override
        public NextTick firstTick(Instant now) {
            if (failures-- > 0) {
                return new NextTick(now.plusSeconds(600), 0, List.of("sync-up failed, next attempt in PT10M: list"
                        + " filesystems: pool is suspended"), List.of());
            }
            return NextTick.at(now.plusSeconds(60));
        }

        @Override
        public NextTick afterTick(Instant start, Instant end) {
            return new NextTick(start.plusSeconds(60), skips, skips == 0 ? List.of()
                    : List.of("cron frequency is too high; snapshots were not taken " + skips + " times"), List.of());
        }

        @Override
        public Snapshotting.Tick tick(Instant now) {
            ticks++;
            return new Snapshotting.Tick("t" + ticks, ticks == 3 ? "pool/b: out of space" : null);
        }
    }

    @Test
    void failedSyncUpWaitsAndShowsItsErrorUntilTheNextTick() {
        Scripted s = new Scripted();
        s.failures = 1;
        Snapshotting snap = Snapshotting.of("j", s);
        snap.start(runner, () -> notified.add(runner.clock().instant().toString()));
        runner.runReady();
        SnapshotterReport r = snap.report();
        assertEquals(SnapshotterReport.State.WAITING, r.state());
        assertEquals(T0.plusSeconds(600).toString(), r.nextTickAt());
        assertTrue(r.error().startsWith("sync-up failed, next attempt in PT10M"), r.error());
        runner.advance(Duration.ofSeconds(600));
        assertNull(snap.report().error(), "the tick cleared the error");
        runner.advance(Duration.ofSeconds(120));
        assertEquals(List.of("2026-03-01T10:10:00Z", "2026-03-01T10:11:00Z", "2026-03-01T10:12:00Z"), notified);
        assertEquals("pool/b: out of space", snap.report().error(), "the last tick's error shows");
        assertEquals(3, snap.report().ticks());
    }

    @Test
    void skippedCronTicksAreCountedAndExplained() {
        Scripted s = new Scripted();
        s.skips = 2;
        Snapshotting snap = Snapshotting.of("j", s);
        snap.start(runner, () -> { });
        runner.advance(Duration.ofSeconds(60));
        SnapshotterReport r = snap.report();
        assertEquals(2, r.skippedTicks());
        assertEquals("cron frequency is too high; snapshots were not taken 2 times", r.error());
        runner.advance(Duration.ofSeconds(60));
        assertEquals(4, snap.report().skippedTicks());
        assertEquals("cron frequency is too high; snapshots were not taken 2 times", snap.report().error());
    }

    @Test
    void closeReleasesTheHooksOnceAndCancelsTheNextTick() {
        Scripted s = new Scripted();
        Snapshotting snap = Snapshotting.of("j", s);
        snap.start(runner, () -> { });
        runner.advance(Duration.ofSeconds(60));
        snap.close();
        snap.close();
        assertEquals(1, s.closed);
        runner.advance(Duration.ofMinutes(5));
        assertEquals(1, s.ticks, "no tick after close");
        assertEquals(SnapshotterReport.State.STOPPED, snap.report().state());
    }

    @Test
    void aTickStartingLessThanTwoSecondsFromItsPlanKeepsItsPlannedTime() {
        Instant planned = Instant.parse("2026-03-01T10:00:05Z");
        assertEquals(planned, Snapshotting.tickTime(planned, planned));
        assertEquals(planned, Snapshotting.tickTime(planned, planned.plusMillis(1999)));
        assertEquals(planned.plusSeconds(2), Snapshotting.tickTime(planned, planned.plusSeconds(2)));
        assertEquals(planned.plusSeconds(3600), Snapshotting.tickTime(planned, planned.plusSeconds(3600)),
                "a tick due long ago (after a restart) is named by when it ran");
        assertEquals(planned, Snapshotting.tickTime(planned, planned.minusMillis(1)),
                "a timer that fires a moment early does not name the tick a second earlier");
        assertEquals(planned, Snapshotting.tickTime(planned, planned.minusMillis(1999)));
        assertEquals(planned.minusSeconds(2), Snapshotting.tickTime(planned, planned.minusSeconds(2)),
                "a clock set back names the tick by when it ran");
        assertEquals(planned, Snapshotting.tickTime(null, planned));
    }

    @Test
    void manualNeverTicks() {
        Snapshotting snap = Snapshotting.manual("j");
        snap.start(runner, () -> notified.add("tick"));
        runner.advance(Duration.ofDays(1));
        assertEquals(SnapshotterReport.State.MANUAL, snap.report().state());
        assertEquals(List.of(), notified);
        assertEquals(List.of(), runner.log());
    }
}
