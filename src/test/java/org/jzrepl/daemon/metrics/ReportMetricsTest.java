package org.jzrepl.daemon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jzrepl.daemon.metrics.Reports.active;
import static org.jzrepl.daemon.metrics.Reports.attempt;
import static org.jzrepl.daemon.metrics.Reports.fs;
import static org.jzrepl.daemon.metrics.Reports.step;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.RunObserver;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemState;
import org.jzrepl.replication.report.StepState;

/** The figures drawn from reports: bytes over runs, lag, remaining bytes, stalls, errors, snapshot times. */
class ReportMetricsTest {
    private static final String H9 = "2024-05-01T09:00:00Z";
    private static final String H930 = "2024-05-01T09:30:00Z";
    private static final String H10 = "2024-05-01T10:00:00Z";

    @Test
    void bytesReplicatedMoveDuringARunAndNeverGoBackAcrossRunsAndAttempts() {
        ReplicatedBytes b = new ReplicatedBytes();
        b.sample(1, running(1, 100));
        assertEquals(Map.of("p/a", 100L), b.totals());
        b.sample(1, running(1, 400));
        b.sample(1, running(2, 50));             // a second attempt after a connection failure
        assertEquals(Map.of("p/a", 450L), b.totals());
        b.runEnded(1, List.of(running(1, 500), running(2, 70)));
        assertEquals(Map.of("p/a", 570L), b.totals());
        b.sample(1, running(2, 60));             // a report taken just before run 1 ended
        assertEquals(Map.of("p/a", 570L), b.totals(), "a folded run is not counted twice");
        b.sample(2, running(1, 30));
        assertEquals(Map.of("p/a", 600L), b.totals());
        b.runEnded(2, List.of(running(1, 30)));
        assertEquals(Map.of("p/a", 600L), b.totals());
    }

    @Test
    void aSampledAttemptMissingFromTheFinalReportsStillCounts() {
        ReplicatedBytes b = new ReplicatedBytes();
        b.sample(1, running(1, 100));
        b.runEnded(1, List.of(running(2, 10)));
        assertEquals(Map.of("p/a", 110L), b.totals());
    }

    @Test
    void lagIsTheCreationGapBetweenTheSendersNewestAndTheReceiversNewest() {
        assertEquals(OptionalDouble.of(3600), DatasetFigures.lagSeconds(fs("p/a", FilesystemState.STEPPING,
                step("@s1", "@s2", StepState.RUNNING, 10, 5, H9, H930),
                step("@s2", "@s3", StepState.PENDING, 10, 0, H930, H10))));
        assertEquals(OptionalDouble.of(1800), DatasetFigures.lagSeconds(fs("p/a", FilesystemState.STEPPING,
                step("@s1", "@s2", StepState.DONE, 10, 10, H9, H930),
                step("@s2", "@s3", StepState.RUNNING, 10, 0, H930, H10))));
        assertEquals(OptionalDouble.of(0), DatasetFigures.lagSeconds(fs("p/a", FilesystemState.DONE,
                step("@s1", "@s2", StepState.DONE, 10, 10, H9, H930))));
        assertEquals(OptionalDouble.of(0), DatasetFigures.lagSeconds(fs("p/a", FilesystemState.UP_TO_DATE)));
        assertEquals(OptionalDouble.empty(), DatasetFigures.lagSeconds(fs("p/a", FilesystemState.STEPPING,
                step(null, "@s1", StepState.RUNNING, 10, 0, null, H9))), "a first full send: nothing received yet");
        assertEquals(OptionalDouble.empty(), DatasetFigures.lagSeconds(fs("p/a", FilesystemState.PLANNING_ERROR)));
    }

    @Test
    void bytesRemainingCountsWhatPendingAndRunningStepsStillExpect() {
        assertEquals(15, DatasetFigures.bytesRemaining(fs("p/a", FilesystemState.STEPPING,
                step("@s1", "@s2", StepState.DONE, 10, 10, H9, H930),
                step("@s2", "@s3", StepState.RUNNING, 10, 5, H930, H10),
                step("@s3", "@s4", StepState.PENDING, 10, 0, H10, H10),
                step("@s4", "@s5", StepState.PENDING, -1, 0, H10, H10))));
    }

    @Test
    void aStepIsStalledOnlyOnceItsBytesHaveNotMovedForTheStallTime() {
        StallTracker t = new StallTracker(Duration.ofMinutes(5));
        Instant t0 = Instant.parse(H10);
        assertFalse(t.sample("p/a", "1/@s2", 100, t0));
        assertFalse(t.sample("p/a", "1/@s2", 100, t0.plusSeconds(299)));
        assertTrue(t.sample("p/a", "1/@s2", 100, t0.plusSeconds(300)));
        assertFalse(t.sample("p/a", "1/@s2", 101, t0.plusSeconds(301)), "bytes moved");
        assertFalse(t.sample("p/a", "2/@s2", 101, t0.plusSeconds(700)), "another attempt starts afresh");
        assertFalse(t.sample("p/a", null, 0, t0.plusSeconds(2000)), "no running step");
    }

    @Test
    void aScrapeShowsErrorsLagStallsPruningErrorsAndSnapshotSuccesses() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse(H10));
        Clock clock = new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId z) {
                return this;
            }

            public Instant instant() {
                return now.get();
            }
        };
        DaemonMetrics m = DaemonMetrics.create("t", clock, Duration.ofMinutes(5));
        JobReport push = Reports.troubledPush();
        m.serve(() -> List.of(push), List.of());

        Scrape s = Scrape.parse(m.scrape());
        assertEquals(-1.0, s.value(MetricNames.FILESYSTEM_ERRORS, "zrepl_job", "push1").orElseThrow(),
                "the last run failed before listing filesystems");
        assertEquals(0.0, s.value(MetricNames.LAST_SUCCESSFUL, "zrepl_job", "push1").orElseThrow());
        assertEquals(1800.0, s.value(MetricNames.LAG, "filesystem", "p/a").orElseThrow());
        assertEquals(800.0, s.value(MetricNames.BYTES_REMAINING, "filesystem", "p/a").orElseThrow());
        assertEquals(0.0, s.value(MetricNames.BYTES_REMAINING, "filesystem", "p/b").orElseThrow());
        assertEquals(200.0, s.value(MetricNames.BYTES_REPLICATED, "filesystem", "p/a").orElseThrow());
        assertEquals(0.0, s.value(MetricNames.STALLED, "filesystem", "p/a").orElseThrow());
        assertEquals(2.0, s.value(MetricNames.PRUNING_ERRORS, "filesystem", "p/a", "prune_side", "receiver")
                .orElseThrow());
        assertEquals(Instant.parse(H930).getEpochSecond(),
                s.value(MetricNames.SNAPSHOT_LAST_SUCCESS, "filesystem", "p/a").orElseThrow());
        assertTrue(s.value(MetricNames.SNAPSHOT_LAST_SUCCESS, "filesystem", "p/b").isEmpty(), "its snapshot failed");

        now.set(Instant.parse(H10).plus(Duration.ofMinutes(6)));
        s = Scrape.parse(m.scrape());
        assertEquals(1.0, s.value(MetricNames.STALLED, "filesystem", "p/a").orElseThrow(), "no byte in 6 minutes");

        m.runObserver().runEnded(new RunObserver.FinishedRun("push1", 2, Instant.parse(H10), Instant.parse(H10)
                .plusSeconds(400), List.of(attempt(1, AttemptState.DONE, H10, H10, fs("p/a", FilesystemState.DONE,
                step("@s1", "@s2", StepState.DONE, 1000, 1000, H9, H930)))), List.of(), List.of()));
        s = Scrape.parse(m.scrape());
        assertEquals(Instant.parse(H10).plusSeconds(400).getEpochSecond(),
                s.value(MetricNames.LAST_SUCCESSFUL, "zrepl_job", "push1").orElseThrow());
        assertEquals(1000.0, s.value(MetricNames.BYTES_REPLICATED, "filesystem", "p/a").orElseThrow(),
                "the final count replaces the sampled one");
    }

    private static AttemptReport running(int attempt, long bytes) {
        return attempt(attempt, AttemptState.STEPPING, H10, null, fs("p/a", FilesystemState.STEPPING,
                step("@s1", "@s2", StepState.RUNNING, 1000, bytes, H9, H930)));
    }
}
