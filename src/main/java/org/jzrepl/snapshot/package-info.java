/**
 * Snapshotting: when a job snapshots its filesystems and what the snapshots are called.
 *
 * <p><b>What exists.</b> The decision layer, as pure functions over plain values (no clock, no
 * zfs, no threads), each covered by table tests:
 * <ul>
 * <li>{@link org.jzrepl.snapshot.SnapshotNaming}: {@code prefix + timestamp} for
 *     {@code timestamp_format} ({@code dense}, {@code human}, {@code iso-8601},
 *     {@code unix-seconds} or a Go layout, translated by {@code GoTimeLayout}) and
 *     {@code timestamp_location}, with zrepl's refusals and a ZFS name check;</li>
 * <li>{@link org.jzrepl.snapshot.PeriodicSchedule}: zrepl's sync-up rule for {@code periodic}
 *     (newest prefixed snapshot by createtxg plus interval, earliest over the filesystems) and
 *     the tick after that;</li>
 * <li>{@link org.jzrepl.snapshot.CronSchedule}: the next {@code cron} tick in a zone, with
 *     daylight-saving handling (skipped wall times fire at the transition, repeated ones once),
 *     and the count of ticks skipped because the previous tick still ran.</li>
 * </ul>
 *
 * <p><b>Not built yet.</b> The snapper that takes the snapshots through {@code zfs.cmd} (one
 * {@code zfs snapshot} per filesystem, as zrepl), the pre/post hooks ({@code command},
 * {@code postgres-checkpoint}, {@code mysql-lock-tables}), the runtime that sleeps until the
 * tick on the job's injected clock and scheduler, and the status report. Until then a job with
 * a {@code snapshotting} section replicates existing snapshots only.
 *
 * <p><b>Threading.</b> Everything here is stateless and thread-safe. The runtime will call it
 * from its job's thread and hand the injected clock's "now" in.
 *
 * <p><b>Dependencies.</b> {@code config} (the parsed section and {@code CronSpec}), {@code zfs}
 * (snapshot listings and name rules), {@code util}; not {@code replication}, {@code pruning},
 * {@code endpoint} or {@code rpc}.
 */
package org.jzrepl.snapshot;
