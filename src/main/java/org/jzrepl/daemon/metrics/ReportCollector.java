package org.jzrepl.daemon.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.jzrepl.job.JobReport;
import org.jzrepl.pruning.PruneReport;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.snapshot.TickReport;

/**
 * The metrics read from the jobs' reports at each scrape: bytes replicated (with what
 * {@link JobSeries} remembers of finished runs), filesystem errors, last success, and jzrepl's
 * per-dataset gauges. Each scrape also samples the reports into the series (bytes, lag, stall
 * clocks, snapshot successes), so figures move while a run is going.
 */
final class ReportCollector implements MultiCollector {
    private final Supplier<List<JobReport>> reports;
    private final RunRecorder runs;
    private final Clock clock;

    ReportCollector(Supplier<List<JobReport>> reports, RunRecorder runs, Clock clock) {
        this.reports = reports;
        this.runs = runs;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        Families f = new Families();
        Instant now = clock.instant();
        for (JobReport r : reports.get()) {
            JobSeries s = runs.series(r.name());
            if (r instanceof JobReport.Active a) {
                active(a, s, now, f);
                snapshots(a.snapshotting() == null ? null : a.snapshotting().lastTick(), s, f);
            } else if (r instanceof JobReport.Passive p) {
                snapshots(p.snapshotting() == null ? null : p.snapshotting().lastTick(), s, f);
            }
        }
        return f.build();
    }

    private void active(JobReport.Active a, JobSeries s, Instant now, Families f) {
        String job = a.name();
        s.bytes.sample(a.runs() + 1, a.current());
        if (!a.type().equals("snap")) {
            s.bytes.totals().forEach((fs, b) -> f.bytes.dataPoint(UnknownSnapshot.UnknownDataPointSnapshot.builder()
                    .labels(Labels.of(MetricNames.JOB, job, MetricNames.FILESYSTEM, fs)).value(b).build()));
            f.errors.dataPoint(gauge(filesystemErrors(a.last()), MetricNames.JOB, job));
            Instant ok = s.lastSuccessful();
            f.lastSuccessful.dataPoint(gauge(ok == null ? 0 : ok.toEpochMilli() / 1000.0, MetricNames.JOB, job));
        }
        AttemptReport latest = a.current() != null ? a.current() : a.last();
        if (latest != null) {
            s.noteLag(latest);
            for (FilesystemReport fs : latest.filesystems()) {
                Labels l = Labels.of(MetricNames.JOB, job, MetricNames.FILESYSTEM, fs.path());
                OptionalDouble lag = s.lag(fs.path());
                if (lag.isPresent()) {
                    f.lag.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(l).value(lag.getAsDouble())
                            .build());
                }
                f.remaining.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(l)
                        .value(DatasetFigures.bytesRemaining(fs)).build());
                StepReport step = latest == a.current() ? DatasetFigures.runningStep(fs) : null;
                boolean stalled = s.stalls.sample(fs.path(),
                        step == null ? null : latest.attempt() + "/" + step.to(),
                        step == null ? 0 : step.bytesReplicated(), now);
                f.stalled.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(l).value(stalled ? 1 : 0)
                        .build());
            }
        }
        for (PruneReport p : a.pruning()) {
            String side = p.side().name().toLowerCase(Locale.ROOT);
            for (PruneReport.Filesystem fs : p.filesystems()) {
                f.pruneErrors.dataPoint(gauge(fs.errorCount(), MetricNames.JOB, job, MetricNames.FILESYSTEM,
                        fs.filesystem(), "prune_side", side));
            }
        }
    }

    private static void snapshots(Object lastTick, JobSeries s, Families f) {
        if (lastTick instanceof TickReport t) {
            s.noteTick(t);
        }
        s.snapshotSuccess().forEach((fs, at) -> f.snapshotSuccess.dataPoint(
                gauge(at.toEpochMilli() / 1000.0, MetricNames.JOB, s.job, MetricNames.FILESYSTEM, fs)));
    }

    /** zrepl's definition: failed filesystems of the latest attempt, -1 if it failed before listing any; 0 before a run. */
    static double filesystemErrors(AttemptReport last) {
        if (last == null) {
            return 0;
        }
        if (last.filesystems().isEmpty() && last.state() != org.jzrepl.replication.report.AttemptState.DONE) {
            return -1;
        }
        return last.filesystems().stream().filter(fs -> fs.state().failed()).count();
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gauge(double v, String... labels) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of(labels)).value(v).build();
    }

    /** One builder per metric family of a scrape. */
    private static final class Families {
        final UnknownSnapshot.Builder bytes = UnknownSnapshot.builder().name(MetricNames.BYTES_REPLICATED)
                .help("number of bytes replicated from sender to receiver per filesystem");
        final GaugeSnapshot.Builder errors = GaugeSnapshot.builder().name(MetricNames.FILESYSTEM_ERRORS)
                .help("number of filesystems that failed replication in the latest replication attempt,"
                        + " or -1 if the job failed before enumerating the filesystems");
        final GaugeSnapshot.Builder lastSuccessful = GaugeSnapshot.builder().name(MetricNames.LAST_SUCCESSFUL)
                .help("timestamp of last successful replication");
        final GaugeSnapshot.Builder lag = GaugeSnapshot.builder().name(MetricNames.LAG)
                .help("creation time of the sender's newest snapshot minus that of the newest snapshot the receiver"
                        + " has, as of the latest attempt");
        final GaugeSnapshot.Builder remaining = GaugeSnapshot.builder().name(MetricNames.BYTES_REMAINING)
                .help("bytes the current (else the last) attempt still expects to send");
        final GaugeSnapshot.Builder stalled = GaugeSnapshot.builder().name(MetricNames.STALLED)
                .help("1 while the running step's byte count has not moved for " + JobSeries.STALL_AFTER.toMinutes()
                        + " minutes");
        final GaugeSnapshot.Builder pruneErrors = GaugeSnapshot.builder().name(MetricNames.PRUNING_ERRORS)
                .help("failed tries in the latest pruning of the filesystem");
        final GaugeSnapshot.Builder snapshotSuccess = GaugeSnapshot.builder().name(MetricNames.SNAPSHOT_LAST_SUCCESS)
                .help("time of the last snapshot tick that succeeded for the filesystem");

        MetricSnapshots build() {
            List<MetricSnapshot> all = new ArrayList<>(List.of(bytes.build(), errors.build(), lastSuccessful.build(),
                    lag.build(), remaining.build(), stalled.build(), pruneErrors.build(), snapshotSuccess.build()));
            all.removeIf(m -> m.getDataPoints().isEmpty());
            return new MetricSnapshots(all);
        }
    }
}
