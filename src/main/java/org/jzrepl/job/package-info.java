/**
 * Jobs: {@link org.jzrepl.job.ActiveJob} (push, pull or snap mode: a run is its phases, replication
 * then pruning of both sides, or pruning alone for snap), {@link org.jzrepl.job.PassiveJob} (sink
 * or source mode: serves an endpoint to authenticated clients), variants by composition, not by
 * subclass. {@link org.jzrepl.job.Snapshotting} is a job's snapshotter on the runtime (push, snap,
 * source). {@link org.jzrepl.job.Jobs} is the one place that builds a job's parts from its config
 * (with {@link org.jzrepl.job.Transports} for the connect/serve sections). {@link
 * org.jzrepl.job.JobRun} runs a run's phases: replication with a fresh driver, each pruning phase
 * with a fresh {@code pruning.Pruner} over one session of the job's connector ({@link
 * org.jzrepl.job.PruningPhases}).
 *
 * <p><b>Threading.</b> Active jobs and snapshotters have no threads of their own: runs, interval
 * waits, sync-up and snapshot ticks are tasks on the daemon's injected
 * {@link org.jzrepl.runtime.TaskRunner}, which also gives the clock. A trigger (interval, tick,
 * wakeup) during a run is remembered and starts one run right after. A passive job runs one
 * acceptor thread and one thread per accepted connection, each serving one RPC connection until
 * the client closes. Reports are immutable snapshots, safe to take from any thread.
 *
 * <p><b>Ownership.</b> A job owns its connecter or listener, its snapshotter and every connection
 * it opened, and releases them all in {@code close()} (bounded in time: running replications are
 * cancelled, connections in progress aborted, listener sockets removed, the next tick cancelled).
 * The runner belongs to the daemon.
 *
 * <p><b>Dependencies.</b> {@code replication}, {@code snapshot}, {@code endpoint}, {@code rpc},
 * {@code pruning}, {@code transport}, {@code zfs}, {@code config}, {@code runtime}.
 */
package org.jzrepl.job;
