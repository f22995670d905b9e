/**
 * Prometheus metrics in the text exposition format: start time, replication and pruning state
 * and durations, bytes replicated per filesystem, errors, zfs command durations.
 *
 * <p><b>Threading.</b> Counters are updated from any thread; the exporter reads them on its own.
 *
 * <p><b>Ownership.</b> The exporter owns its listening socket.
 */
package org.jzrepl.daemon.metrics;
