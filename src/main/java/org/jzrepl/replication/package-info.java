/**
 * Replication of one job's filesystems from a sender to a receiver.
 *
 * <p><b>Role.</b> The planner is a pure function: both sides' versions in, steps or a typed conflict
 * out (no common ancestor, diverged, nothing to do, ...), covered by table tests. The driver queues
 * steps oldest first, runs them with the configured concurrency, retries only connectivity errors,
 * and produces immutable reports for status.
 *
 * <p><b>Threading.</b> The driver owns a bounded pool for steps; reports are snapshots safe to read
 * from any thread.
 *
 * <p><b>Ownership.</b> A replication attempt owns the streams of its steps and closes them; it does
 * not own the endpoints it is given.
 *
 * <p><b>Dependencies.</b> {@code endpoint}, {@code rpc}, {@code transport}, {@code zfs},
 * {@code config}; not {@code snapshot} or {@code pruning}.
 */
package org.jzrepl.replication;
