/**
 * {@code jzrepl doctor}: for each filesystem of a job, whether it replicates and, if not, why, in
 * one sentence with the command that fixes it. {@link org.jzrepl.doctor.Doctor} and
 * {@link org.jzrepl.doctor.HostChecks} gather facts (the config, local zfs listings, one dial of
 * the peer with the job's own transport, the control socket); the diagnoses
 * ({@link org.jzrepl.doctor.FilesystemDiagnoses}, {@link org.jzrepl.doctor.HostDiagnoses}) are
 * pure functions of those facts, with table tests. It only lists and dials: nothing is sent, held
 * or destroyed. Every text from zfs or a peer is escaped once, in {@link org.jzrepl.doctor.Finding}.
 *
 * <p><b>Threading.</b> Runs in the CLI's thread; no background work.
 *
 * <p><b>Dependencies.</b> The layers a daemon's jobs use (config, endpoint, replication planning,
 * transport, zfs) and the daemon's control client; used only by the CLI.
 */
package org.jzrepl.doctor;
