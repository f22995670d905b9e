/**
 * Prometheus metrics: zrepl's names and labels ({@link org.jzrepl.daemon.metrics.MetricNames}) and
 * jzrepl's per-dataset gauges, in one registry served over HTTP per {@code global.monitoring}
 * entry. Fed by reports, not by counters in the code paths: the jobs' status reports at each
 * scrape, each finished run ({@link org.jzrepl.job.RunObserver}), the zfs runner's
 * {@link org.jzrepl.zfs.cmd.ZfsMeter}, a decorator of the control handler, and a log listener.
 *
 * <p><b>Threading.</b> Everything is updated from any thread and read by the HTTP server's threads
 * at scrape time; the per-job memory ({@code JobSeries}) is synchronized.
 *
 * <p><b>Ownership.</b> {@link org.jzrepl.daemon.metrics.DaemonMetrics} owns its endpoints' sockets
 * and closes them with the daemon.
 */
package org.jzrepl.daemon.metrics;
