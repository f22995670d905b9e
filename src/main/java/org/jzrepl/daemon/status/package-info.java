/**
 * The status report: immutable records of jobs, replication attempts, filesystems, steps,
 * pruning and snapshotting progress, serialised as JSON by the control socket and printed by
 * {@code jzrepl status}.
 *
 * <p><b>Threading.</b> Records are immutable; each report is a consistent snapshot.
 */
package org.jzrepl.daemon.status;
