package org.jzrepl.daemon.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jzrepl.config.GlobalConfig;
import org.jzrepl.daemon.control.ControlHandler;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.RunObserver;
import org.jzrepl.util.trace.Tracing;
import org.jzrepl.zfs.cmd.ZfsMeter;

/**
 * The daemon's metrics: one registry, fed by the jobs' reports (at each scrape), their finished
 * runs ({@link #runObserver()}), the zfs command runner ({@link #zfsMeter}), the control socket
 * ({@link #control}) and the log ({@link #logEntry}); served by one {@link MetricsEndpoint} per
 * {@code global.monitoring} entry. Built before the jobs (they take its observer and meter), then
 * {@link #serve}d once they exist. Thread-safe; {@link #close()} stops the endpoints.
 */
public final class DaemonMetrics implements Closeable {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final RunRecorder runs;
    private final ZfsCommandMeter zfs = new ZfsCommandMeter();
    private final UntypedCounter logEntries = new UntypedCounter(MetricNames.LOG_ENTRIES,
            "number of log entries per job task and level", MetricNames.JOB, "level");
    private final UntypedCounter controlBegin = MeteredControlHandler.newBegin();
    private final io.prometheus.metrics.core.metrics.Histogram controlFinished = MeteredControlHandler.newFinished();
    private final Clock clock;
    private final List<MetricsEndpoint> endpoints = new ArrayList<>();
    private boolean reportsAttached;
    private final java.util.function.Consumer<org.jzrepl.util.log.LogEntry> logListener =
            e -> logEntry(e.job(), e.level().name());

    private DaemonMetrics(String version, Clock clock, Duration stallAfter) {
        this.clock = clock;
        this.runs = new RunRecorder(stallAfter);
        double started = clock.instant().toEpochMilli() / 1000.0;
        registry.register(startTime(version, started));
        registry.register(logEntries);
        registry.register(controlBegin);
        registry.register(controlFinished);
        registry.register(zfs.runtime);
        registry.register(runs.stateTime);
        registry.register(runs.pruneTime);
        registry.register(activeTasks());
    }

    /** zrepl's gauge of the trace module's open tasks: jzrepl's open tasks and spans. */
    private static Collector activeTasks() {
        return () -> GaugeSnapshot.builder().name(MetricNames.TRACE_ACTIVE_TASKS)
                .help("number of active (tracing-level) tasks and spans in the daemon")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(Tracing.activeTasks()).build())
                .build();
    }

    /** Metrics of a daemon of {@code version} started now on {@code clock}. */
    public static DaemonMetrics create(String version, Clock clock) {
        return new DaemonMetrics(version, clock, JobSeries.STALL_AFTER);
    }

    /** For tests: a shorter stall time. */
    static DaemonMetrics create(String version, Clock clock, Duration stallAfter) {
        return new DaemonMetrics(version, clock, stallAfter);
    }

    private static Collector startTime(String version, double started) {
        String info = "jzrepl version=" + version + " java=" + System.getProperty("java.version") + " os="
                + System.getProperty("os.name") + " arch=" + System.getProperty("os.arch");
        GaugeSnapshot s = GaugeSnapshot.builder().name(MetricNames.START_TIME).help("zrepl daemon start time and version")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("raw", version, "version_info", info)).value(started).build())
                .build();
        return () -> s;
    }

    /** The observer every active job reports its finished runs to. */
    public RunObserver runObserver() {
        return runs;
    }

    /** The meter of the zfs commands that run {@code binary}. */
    public ZfsMeter zfsMeter(String binary) {
        return zfs.forBinary(binary);
    }

    /** {@code handler}, counted per endpoint. */
    public ControlHandler control(ControlHandler handler) {
        return new MeteredControlHandler(handler, controlBegin, controlFinished);
    }

    /** Counts one log entry (every entry logged while served) of {@code job} (null outside a job: {@code _nojobid}) at {@code level}. */
    public void logEntry(String job, String level) {
        logEntries.inc(job == null || job.isEmpty() ? ZfsCommandMeter.NO_JOB : job, level.toLowerCase(Locale.ROOT));
    }

    /**
     * Reads the jobs' reports at each scrape from now on, and serves the registry on every
     * {@code monitoring} entry.
     *
     * @throws IOException an address cannot be bound (the message names it); nothing is left open
     */
    public synchronized void serve(Supplier<List<JobReport>> reports, List<GlobalConfig.Monitoring> monitoring)
            throws IOException {
        if (!reportsAttached) {
            registry.register(new ReportCollector(reports, runs, clock));
            org.jzrepl.util.log.Logging.addListener(logListener);
            reportsAttached = true;
        }
        try {
            for (GlobalConfig.Monitoring m : monitoring) {
                endpoints.add(MetricsEndpoint.start(m, registry));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The bound ports of the endpoints, in config order (-1 for one not bound yet). */
    public synchronized List<Integer> ports() {
        return endpoints.stream().map(MetricsEndpoint::port).toList();
    }

    /** One scrape in the Prometheus text format, as {@code /metrics} serves it. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape(),
                    io.prometheus.metrics.config.EscapingScheme.ALLOW_UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        org.jzrepl.util.log.Logging.removeListener(logListener);
        for (MetricsEndpoint e : endpoints) {
            e.close();
        }
        endpoints.clear();
    }
}
