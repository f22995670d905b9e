/**
 * Jobs: {@code ActiveJob} (push or pull mode: connects and drives replication and pruning),
 * {@code PassiveJob} (sink or source mode: serves an endpoint to authenticated clients) and
 * {@code SnapJob}; variants by composition, not by subclass.
 *
 * <p><b>Role.</b> Wires a job's config to its transport, endpoints, snapper, replication and pruner,
 * runs its loop, and answers wakeup and reset.
 *
 * <p><b>Threading.</b> Each job runs on its own thread; wakeup and reset may come from any thread
 * and only set flags or interrupt the current run.
 *
 * <p><b>Ownership.</b> A job owns its connecter or listener and everything it starts, and releases
 * them all when stopped.
 *
 * <p><b>Dependencies.</b> {@code replication}, {@code snapshot}, {@code pruning}, {@code endpoint},
 * {@code rpc}, {@code transport}, {@code zfs}, {@code config}.
 */
package org.jzrepl.job;
