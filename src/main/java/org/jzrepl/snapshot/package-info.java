/**
 * Snapshotting: periodic, cron and manual snappers, snapshot naming, and the pre/post hooks.
 *
 * <p><b>Role.</b> Decides when each filesystem is due (newest prefixed snapshot plus interval, or
 * the cron schedule), names snapshots, runs hooks (pre in order, post in reverse, bounded output,
 * timeouts) and takes the snapshots through {@code zfs.cmd}.
 *
 * <p><b>Threading.</b> Runs on its job's thread; hooks run as child processes with timeouts.
 *
 * <p><b>Dependencies.</b> {@code endpoint}, {@code rpc}, {@code transport}, {@code zfs},
 * {@code config}; not {@code replication} or {@code pruning}.
 */
package org.jzrepl.snapshot;
