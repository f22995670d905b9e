/**
 * Replication of one job's filesystems from a sender to a receiver.
 *
 * <p><b>Role.</b> {@code plan}: a pure function, both sides' versions in, steps or a typed conflict
 * out, covered by table tests. {@code driver}: lists both sides, plans, queues steps oldest first,
 * runs them with the configured concurrency (one connection per running step), retries only
 * connectivity errors (reconnect, re-plan, resume), and keeps a live report. {@code report}: the
 * immutable report records that status, the control socket and metrics read.
 *
 * <p><b>Threading.</b> The driver runs on the job's thread with its own per-attempt worker threads;
 * reports are snapshots safe to read from any thread.
 *
 * <p><b>Ownership.</b> An attempt owns the sessions it opens through its connector and the streams
 * of its steps, and closes them; it does not own the endpoints behind the sessions.
 *
 * <p><b>Dependencies.</b> {@code endpoint}, {@code rpc}, {@code transport}, {@code zfs},
 * {@code config}; not {@code snapshot} or {@code pruning}.
 */
package org.jzrepl.replication;
