/**
 * The status report: {@link org.jzrepl.daemon.status.DaemonReport}, an immutable record holding
 * one {@link org.jzrepl.job.JobReport} per job (replication attempts with filesystems and steps
 * for pull/push, connections served for sink/source), serialised as JSON by the control socket's
 * {@code /status} and printed by {@code jzrepl status}.
 *
 * <p><b>Threading.</b> Records are immutable; each job report is a consistent snapshot.
 */
package org.jzrepl.daemon.status;
