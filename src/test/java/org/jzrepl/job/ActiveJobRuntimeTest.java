package org.jzrepl.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.config.ReplicationOptions;
import org.jzrepl.job.PhaseReport.Phase;
import org.jzrepl.job.PhaseReport.PhaseState;
import org.jzrepl.replication.driver.DriverSettings;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.KeepRule;
import org.jzrepl.config.SendOptions;
import org.jzrepl.endpoint.ZfsSender;
import org.jzrepl.pruning.Keep;
import org.jzrepl.pruning.PruneReport;
import org.jzrepl.snapshot.NextTick;
import org.jzrepl.testing.zfs.InMemoryZfs;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.ZfsException;
import org.jzrepl.testing.runtime.FakeTaskRunner;
import org.junit.jupiter.api.Test;

/** Active jobs on a fake runtime: time is driven by the test, runs happen on its thread. */
class ActiveJobRuntimeTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final DriverSettings ONE_ATTEMPT = DriverSettings.fromConfig(ReplicationOptions.DEFAULT,
            InitialReplication.MOST_RECENT).withRetries(1, Duration.ZERO);
    private final FakeTaskRunner runner = new FakeTaskRunner(T0);

    /** A snapper that ticks every {@code every}, from {@code T0 + every}, snapshotting {@code fs} if given. */
    private static final class EveryN implements Snapshotting.Snapper {
        final Duration every;
        final AtomicInteger ticks = new AtomicInteger();
        InMemoryZfs zfs;
        DatasetPath fs;

        EveryN(Duration every) {
            this.every = every;
        }

        @Override
        public String type() {
            return "periodic";
        }

        @Override
        public NextTick firstTick(Instant now) {
            return NextTick.at(now.plus(every));
        }

        @Override
        public NextTick afterTick(Instant start, Instant end) {
            return NextTick.at(start.plus(every));
        }

        @Override
        public Snapshotting.Tick tick(Instant now) {
            int n = ticks.incrementAndGet();
            if (zfs != null) {
                try {
                    zfs.snapshot(fs, "snap_" + n);
                } catch (ZfsException e) {
                    return new Snapshotting.Tick(null, e.getMessage());
                }
            }
            return new Snapshotting.Tick("tick " + n + " at " + now, null);
        }
    }

    private JobReport.Active report(ActiveJob j) {
        return (JobReport.Active) j.report();
    }

    @Test
    void snapJobPrunesAfterEveryTick() throws Exception {
        EveryN snapper = new EveryN(Duration.ofSeconds(5));
        InMemoryZfs zfs = new InMemoryZfs();
        DatasetPath fs = DatasetPath.parse("tank/data");
        zfs.create(fs, java.util.Map.of(), true);
        snapper.zfs = zfs;
        snapper.fs = fs;
        FilesystemFilter filter = FilesystemFilter.of(java.util.Map.of("tank<", true));
        ActiveJob job = ActiveJob.snap("snap1", Snapshotting.of("snap1", snapper),
                new ZfsSender(zfs, "snap1", filter, ZfsSender.sendFlags(SendOptions.DEFAULT)),
                Keep.fromConfig(List.of(new KeepRule.LastN(3, ".*"))), runner, List.of());
        job.start();
        runner.runReady();
        assertEquals(T0.plusSeconds(5).toString(), report(job).snapshotting().nextTickAt(), "sync-up planned the tick");
        runner.advance(Duration.ofSeconds(60));
        assertEquals(12, snapper.ticks.get());
        JobReport.Active r = report(job);
        assertEquals(12, r.runs(), "one run per tick");
        assertEquals(12, r.snapshotting().ticks());
        assertEquals("tick 12 at " + T0.plusSeconds(60), r.snapshotting().lastTick());
        assertEquals(T0.plusSeconds(65).toString(), r.snapshotting().nextTickAt());
        assertEquals(1, r.phases().size());
        assertEquals(Phase.PRUNING, r.phases().get(0).phase());
        assertEquals(PhaseState.DONE, r.phases().get(0).state());
        assertEquals(List.of("snap_10", "snap_11", "snap_12"), zfs.snapshotNames(fs), "last_n 3 after every tick");
        assertEquals(1, r.pruning().size());
        assertEquals(PruneReport.State.DONE, r.pruning().get(0).state());
        assertNull(r.phase(), "idle between runs");
        job.close();
        assertEquals(List.of(), runner.scheduledTimes(), "close cancels the next tick");
        assertEquals(SnapshotterReport.State.STOPPED, report(job).snapshotting().state());
    }

    @Test
    void triggersDuringARunStartExactlyOneMoreRunAfterIt() {
        AtomicInteger opens = new AtomicInteger();
        ActiveJob[] self = new ActiveJob[1];
        ActiveJob job = ActiveJob.of("push1", ActiveJob.Mode.PUSH, Optional.empty(), null, () -> {
            if (opens.incrementAndGet() == 1) {  // two ticks arrive while the first run dials
                self[0].snapshotTaken();
                self[0].wakeup();
            }
            throw new IOException("connection refused");
        }, ONE_ATTEMPT, runner, List.of());
        self[0] = job;
        job.start();
        job.wakeup();
        runner.runReady();
        JobReport.Active r = report(job);
        assertEquals(2, r.runs(), "the triggers during the first run were kept and merged into one run");
        assertEquals(2, opens.get());
        assertEquals(AttemptState.FAILED, r.last().state());
        assertEquals(List.of(PhaseState.FAILED, PhaseState.DONE, PhaseState.DONE),
                r.phases().stream().map(PhaseReport::state).toList(), "pruning still runs after a failed replication");
        assertEquals(JobRun.NO_RULES, r.phases().get(1).note(), "without keep rules nothing is listed or destroyed");
        assertEquals(ActiveJob.State.WAITING, r.state());
        job.close();
    }

    @Test
    void pullIntervalRunsAtStartThenEveryIntervalFromTheRunsStart() {
        AtomicInteger opens = new AtomicInteger();
        ActiveJob job = ActiveJob.of("pull1", ActiveJob.Mode.PULL, Optional.of(Duration.ofMinutes(10)), null, () -> {
            opens.incrementAndGet();
            throw new IOException("no route to host");
        }, ONE_ATTEMPT, runner, List.of());
        job.start();
        runner.advance(Duration.ZERO);
        assertEquals(1, report(job).runs(), "an interval job runs at start");
        assertEquals(T0.plus(Duration.ofMinutes(10)).toString(), report(job).nextRunAt());
        runner.advance(Duration.ofMinutes(9));
        job.wakeup();   // a wakeup runs now and moves the interval to after it
        runner.runReady();
        assertEquals(2, report(job).runs());
        assertEquals(T0.plus(Duration.ofMinutes(19)).toString(), report(job).nextRunAt());
        runner.advance(Duration.ofMinutes(10));
        assertEquals(3, report(job).runs());
        assertEquals(List.of(T0.plus(Duration.ofMinutes(29))), runner.scheduledTimes());
        job.close();
        assertEquals(List.of(), runner.scheduledTimes());
        assertEquals(ActiveJob.State.STOPPED, report(job).state());
    }
}
