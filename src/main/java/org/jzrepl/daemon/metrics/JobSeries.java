package org.jzrepl.daemon.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.jzrepl.job.RunObserver;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.snapshot.TickReport;

/**
 * What the metrics remember of one job between scrapes, since reports only show the running and
 * the last run: bytes over all runs, the last successful replication, each filesystem's last
 * known lag and last successful snapshot, and the stall clocks. Thread-safe.
 */
final class JobSeries {
    /** A running step whose bytes do not move for this long counts as stalled (the stall watchdog's default). */
    static final Duration STALL_AFTER = Duration.ofMinutes(5);

    final String job;
    final ReplicatedBytes bytes = new ReplicatedBytes();
    final StallTracker stalls;
    private final Map<String, Double> lag = new TreeMap<>();
    private final Map<String, Instant> snapshotSuccess = new TreeMap<>();
    private Instant lastSuccessful;

    JobSeries(String job, Duration stallAfter) {
        this.job = job;
        this.stalls = new StallTracker(stallAfter);
    }

    /** A finished run: its bytes, and its end time if its replication succeeded. */
    void runEnded(RunObserver.FinishedRun run) {
        bytes.runEnded(run.number(), run.attempts());
        AttemptReport last = run.attempts().isEmpty() ? null : run.attempts().get(run.attempts().size() - 1);
        if (last != null && last.state() == AttemptState.DONE) {
            synchronized (this) {
                lastSuccessful = run.endedAt();
            }
        }
        if (last != null) {
            noteLag(last);
        }
    }

    /** Remembers the lag of every filesystem of {@code attempt} that tells one. */
    synchronized void noteLag(AttemptReport attempt) {
        for (FilesystemReport fs : attempt.filesystems()) {
            OptionalDouble l = DatasetFigures.lagSeconds(fs);
            if (l.isPresent()) {
                lag.put(fs.path(), l.getAsDouble());
            }
        }
    }

    /** The last known lag of {@code fs}, if any. */
    synchronized OptionalDouble lag(String fs) {
        Double l = lag.get(fs);
        return l == null ? OptionalDouble.empty() : OptionalDouble.of(l);
    }

    /** Remembers the filesystems a snapshot tick succeeded for. */
    synchronized void noteTick(TickReport tick) {
        Instant at = DatasetFigures.parse(tick.at());
        if (at == null) {
            return;
        }
        for (TickReport.FilesystemReport fs : tick.filesystems()) {
            if (fs.ok()) {
                snapshotSuccess.merge(fs.filesystem(), at, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
    }

    synchronized Map<String, Instant> snapshotSuccess() {
        return Map.copyOf(snapshotSuccess);
    }

    /** When a run's replication last ended without error, or null. */
    synchronized Instant lastSuccessful() {
        return lastSuccessful;
    }
}
