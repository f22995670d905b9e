/**
 * Jobs: {@link org.jzrepl.job.ActiveJob} (pull or push mode: dials the passive side and drives
 * replication), {@link org.jzrepl.job.PassiveJob} (sink or source mode: serves an endpoint to
 * authenticated clients), variants by composition, not by subclass; {@link org.jzrepl.job.Jobs}
 * builds them from the config, {@link org.jzrepl.job.Transports} maps connect/serve sections onto
 * the transport layer. Snap jobs, snapshotting and pruning are not built yet: such config gives
 * one warning per job (in its report) and snap jobs show as inactive.
 *
 * <p><b>Threading.</b> An active job runs one loop thread ({@code jzrepl-job-NAME}) that waits for
 * its interval or a wakeup and runs one {@code ReplicationDriver} at a time; wakeup and reset may
 * come from any thread (reset cancels the running driver). A passive job runs one acceptor thread
 * and one thread per accepted connection, each serving one RPC connection until the client closes.
 * Reports are immutable snapshots, safe to take from any thread.
 *
 * <p><b>Ownership.</b> A job owns its connecter or listener and every connection it opened, and
 * releases them all in {@code close()} (bounded in time: running replications are cancelled,
 * connections in progress aborted, listener sockets removed).
 *
 * <p><b>Dependencies.</b> {@code replication}, {@code endpoint}, {@code rpc}, {@code transport},
 * {@code zfs}, {@code config}.
 */
package org.jzrepl.job;
