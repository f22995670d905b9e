package org.jzrepl.daemon.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jzrepl.job.PhaseReport;
import org.jzrepl.job.RunObserver;
import org.jzrepl.replication.report.AttemptReport;

/**
 * The job runs' {@link RunObserver}: observes each attempt's duration
 * ({@value MetricNames#STATE_TIME}) and each pruning phase's ({@value MetricNames#PRUNING_TIME})
 * and hands the run to its {@link JobSeries}. Thread-safe.
 */
final class RunRecorder implements RunObserver {
    final Histogram stateTime = Histogram.builder().name(MetricNames.STATE_TIME)
            .help("seconds spent during replication, per attempt, by the state the attempt ended in")
            .labelNames(MetricNames.JOB, "state").classicUpperBounds(MetricNames.RUN_BUCKETS).classicOnly().build();
    final Histogram pruneTime = Histogram.builder().name(MetricNames.PRUNING_TIME).help("seconds spent in pruner")
            .labelNames(MetricNames.JOB, "prune_side").classicUpperBounds(MetricNames.RUN_BUCKETS).classicOnly()
            .build();
    private final Map<String, JobSeries> jobs = new ConcurrentHashMap<>();
    private final Duration stallAfter;

    RunRecorder(Duration stallAfter) {
        this.stallAfter = stallAfter;
    }

    /** The remembered series of {@code job}, created on first use. */
    JobSeries series(String job) {
        return jobs.computeIfAbsent(job, j -> new JobSeries(j, stallAfter));
    }

    @Override
    public void runEnded(FinishedRun run) {
        for (AttemptReport a : run.attempts()) {
            Instant from = DatasetFigures.parse(a.startedAt());
            Instant to = DatasetFigures.parse(a.finishedAt());
            if (from != null && to != null) {
                stateTime.labelValues(run.job(), a.state().name().toLowerCase(Locale.ROOT)).observe(seconds(from, to));
            }
        }
        for (PhaseReport p : run.phases()) {
            String side = switch (p.phase()) {
                case PRUNING_SENDER -> "sender";
                case PRUNING_RECEIVER -> "receiver";
                case PRUNING -> "local";
                case REPLICATION -> null;
            };
            Instant from = DatasetFigures.parse(p.startedAt());
            Instant to = DatasetFigures.parse(p.finishedAt());
            if (side != null && from != null && to != null) {
                pruneTime.labelValues(run.job(), side).observe(seconds(from, to));
            }
        }
        series(run.job()).runEnded(run);
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toNanos() / 1e9);
    }
}
