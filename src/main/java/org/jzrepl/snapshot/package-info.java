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
 * <p><b>The snapper</b> ({@link org.jzrepl.snapshot.Snapper}, built by {@code Snapper.of} for
 * {@code periodic} and {@code cron}; {@code manual} has none), in small parts:
 * <ul>
 * <li>{@link org.jzrepl.snapshot.TickPlanner} decides a tick from one listing: the filesystems
 *     and volumes the job's filter selects, one name for all of them, each one's hooks
 *     ({@link org.jzrepl.snapshot.TickPlan}; {@link org.jzrepl.snapshot.TickPreview} is what
 *     {@code jzrepl test snapshot} shows);</li>
 * <li>{@link org.jzrepl.snapshot.TickRunner} runs it: every pre hook, then one
 *     {@code zfs snapshot pool/a@N pool/b@N ...} per pool ({@code Zfs.snapshotAtomically}: one
 *     createtxg, all or none; jzrepl's answer to zrepl's issue #634), then every post hook,
 *     filesystems in reverse. A pool whose command fails is retried filesystem by filesystem so
 *     one bad filesystem costs only its own snapshot, and is reported not atomic;
 *     {@link org.jzrepl.snapshot.TickReport} is the status entry;</li>
 * <li>{@link org.jzrepl.snapshot.TickSchedule} says when: periodic sync-up from the listing, then
 *     the previous start plus the interval; cron in the job clock's zone
 *     ({@link org.jzrepl.snapshot.NextTick}).</li>
 * </ul>
 * The hooks themselves live in {@code snapshot.hook}; the runtime that waits until
 * {@link org.jzrepl.snapshot.NextTick#at} on the job's injected clock and scheduler, wakes the
 * push job after a tick and puts the reports into status lives in the job runtime.
 *
 * <p><b>Threading.</b> Everything here is stateless and thread-safe, and never sleeps, starts a
 * thread or reads a clock for a decision: the runtime calls it from its job's thread and hands
 * "now" in; the job's clock only times hooks and ticks. One tick at a time per snapper.
 *
 * <p><b>Dependencies.</b> {@code config} (the parsed section and {@code CronSpec}), {@code zfs}
 * (snapshot listings and name rules, {@code Zfs} to list and snapshot), {@code snapshot.hook},
 * {@code util}; not {@code replication}, {@code pruning},
 * {@code endpoint} or {@code rpc}.
 */
package org.jzrepl.snapshot;
