package org.jzrepl.daemon.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Duration;
import org.jzrepl.zfs.cmd.ZfsMeter;
import org.slf4j.MDC;

/**
 * {@value MetricNames#ZFSCMD_RUNTIME}{jobid, zfsbinary, zfsverb}, as zrepl: the job is the one
 * whose thread ran the command (the log context's {@code job}), {@code _nojobid} outside a job.
 */
final class ZfsCommandMeter {
    static final String NO_JOB = "_nojobid";
    /** The log context key that names the job a thread works for. */
    static final String JOB_KEY = org.jzrepl.util.log.LogContext.JOB;

    final Histogram runtime = Histogram.builder().name(MetricNames.ZFSCMD_RUNTIME)
            .help("number of seconds that the command took from start until wait returned")
            .labelNames("jobid", "zfsbinary", "zfsverb").classicUpperBounds(MetricNames.ZFSCMD_BUCKETS).classicOnly()
            .build();

    /** The meter of the commands that run {@code binary} (the label is the path as configured). */
    ZfsMeter forBinary(String binary) {
        return (verb, duration, exitCode) -> record(binary, verb, duration);
    }

    void record(String binary, String verb, Duration duration) {
        String job = MDC.get(JOB_KEY);
        runtime.labelValues(job == null || job.isEmpty() ? NO_JOB : job, binary, verb == null ? "" : verb)
                .observe(duration.toNanos() / 1e9);
    }
}
