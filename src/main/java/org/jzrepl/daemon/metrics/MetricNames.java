package org.jzrepl.daemon.metrics;

/**
 * Every metric jzrepl exports, with its labels: the one place to look. The {@code zrepl_} names and
 * labels are zrepl's own (its Grafana dashboard queries them: src/test/resources/zrepl-grafana);
 * the {@code jzrepl_} ones are jzrepl's additions.
 *
 * <p><b>Interop warning.</b> zrepl's counters have no {@code _total} suffix (Go's client adds none).
 * Prometheus client_java 1.x appends {@code _total} to every counter, so those counters are
 * exported as {@code untyped} under zrepl's exact names ({@link UntypedCounter}); PromQL's
 * {@code rate()} and {@code increase()} work on them as before. Histograms keep their
 * {@code _bucket}, {@code _sum}, {@code _count} series.
 */
final class MetricNames {
    /** Label of every per-job metric: the job's name (zrepl's, not Prometheus's {@code job}). */
    static final String JOB = "zrepl_job";
    static final String FILESYSTEM = "filesystem";

    /** gauge, labels raw, version_info: the daemon's start time in seconds since the epoch. */
    static final String START_TIME = "zrepl_start_time";
    /** untyped counter, labels zrepl_job, level: log entries per job and level. */
    static final String LOG_ENTRIES = "zrepl_daemon_log_entries";
    /** untyped counter, labels zrepl_job, filesystem: stream bytes from sender to receiver. */
    static final String BYTES_REPLICATED = "zrepl_replication_bytes_replicated";
    /** gauge, label zrepl_job: filesystems failed in the latest attempt; -1 if it failed before listing them. */
    static final String FILESYSTEM_ERRORS = "zrepl_replication_filesystem_errors";
    /** gauge, label zrepl_job: seconds since the epoch of the last run whose replication had no error. */
    static final String LAST_SUCCESSFUL = "zrepl_replication_last_successful";
    /** histogram, labels zrepl_job, state: seconds of each replication attempt, by the state it ended in. */
    static final String STATE_TIME = "zrepl_replication_state_time";
    /** histogram, labels zrepl_job, prune_side (sender, receiver, local): seconds in each pruner. */
    static final String PRUNING_TIME = "zrepl_pruning_time";
    /** untyped counter, label endpoint: control socket requests started. */
    static final String CONTROL_BEGIN = "zrepl_control_request_begin";
    /** histogram, label endpoint: seconds until a control socket request was answered. */
    static final String CONTROL_FINISHED = "zrepl_control_request_finished";
    /** gauge, no labels: tasks and spans open now (util.trace); should not grow without bound. */
    static final String TRACE_ACTIVE_TASKS = "zrepl_trace_active_tasks";
    /** histogram, labels jobid, zfsbinary, zfsverb: seconds from a zfs command's start to its exit. */
    static final String ZFSCMD_RUNTIME = "zrepl_zfscmd_runtime";

    /** gauge, labels zrepl_job, filesystem: creation of the sender's newest snapshot minus the target's newest, in seconds. */
    static final String LAG = "jzrepl_replication_lag_seconds";
    /** gauge, labels zrepl_job, filesystem: estimated bytes still to send in the current (else last) attempt. */
    static final String BYTES_REMAINING = "jzrepl_replication_bytes_remaining";
    /** gauge, labels zrepl_job, filesystem: 1 while a running step's byte count has not moved for the stall time. */
    static final String STALLED = "jzrepl_replication_stalled";
    /** gauge, labels zrepl_job, filesystem, prune_side: failed tries in the latest pruning of the filesystem. */
    static final String PRUNING_ERRORS = "jzrepl_pruning_errors";
    /** gauge, labels zrepl_job, filesystem: seconds since the epoch of the last snapshot tick that succeeded for it. */
    static final String SNAPSHOT_LAST_SUCCESS = "jzrepl_snapshot_last_success_timestamp_seconds";

    /** zrepl's buckets for zfs command runtimes, seconds. */
    static final double[] ZFSCMD_BUCKETS = {0.01, 0.1, 0.2, 0.5, 0.75, 1, 2, 5, 10, 60};
    /** zrepl's buckets for control requests, seconds. */
    static final double[] CONTROL_BUCKETS = {1e-6, 10e-6, 100e-6, 500e-6, 1e-3, 10e-3, 100e-3, 200e-3, 400e-3,
        800e-3, 1, 10, 20};
    /** Buckets for replication and pruning durations, seconds (1 s to 1 day). */
    static final double[] RUN_BUCKETS = {1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600};

    private MetricNames() {
    }
}
