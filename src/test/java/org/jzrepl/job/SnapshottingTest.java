package org.jzrepl.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jzrepl.testing.runtime.FakeTaskRunner;
import org.junit.jupiter.api.Test;

class SnapshottingTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final FakeTaskRunner runner = new FakeTaskRunner(T0);
    private final List<String> notified = new ArrayList<>();

    /** Sync-up fails {@code failures} times, then ticks every minute; each tick skips {@code skips} cron ticks. */
    private static final class Scripted implements Snapshotting.Snapper {
        int failures;
        int skips;
        int ticks;

        @Override
        public String type() {
            return "cron";
        }

        @Override
        public Instant firstTick(Instant now) throws Exception {
            if (failures-- > 0) {
                throw new Exception("listing pool/a failed: pool is suspended");
            }
            return now.plusSeconds(60);
        }

        @Override
        public Instant retryAt(Instant failedAt) {
            return failedAt.plusSeconds(600);
        }

        @Override
        public Snapshotting.Next afterTick(Instant start, Instant end) {
            return new Snapshotting.Next(start.plusSeconds(60), skips);
        }

        @Override
        public Snapshotting.Tick tick(Instant now) {
            ticks++;
            return new Snapshotting.Tick("t" + ticks, ticks == 2 ? "pool/b: out of space" : null);
        }
    }

    @Test
    void failedSyncUpIsRetriedAndShownThenTicksRun() {
        Scripted s = new Scripted();
        s.failures = 1;
        Snapshotting snap = Snapshotting.of("j", s);
        snap.start(runner, () -> notified.add(runner.clock().instant().toString()));
        runner.runReady();
        SnapshotterReport r = snap.report();
        assertEquals(SnapshotterReport.State.SYNCING_UP, r.state());
        assertEquals(T0.plusSeconds(600).toString(), r.nextTickAt());
        assertTrue(r.error().contains("sync-up failed, retrying at 2026-03-01T10:10:00Z: listing pool/a failed"),
                r.error());
        runner.advance(Duration.ofSeconds(600));
        assertEquals(SnapshotterReport.State.WAITING, snap.report().state());
        assertNull(snap.report().error());
        runner.advance(Duration.ofSeconds(120));
        assertEquals(List.of("2026-03-01T10:11:00Z", "2026-03-01T10:12:00Z"), notified);
        assertEquals("pool/b: out of space", snap.report().error(), "the last tick's error shows");
        assertEquals(2, snap.report().ticks());
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
