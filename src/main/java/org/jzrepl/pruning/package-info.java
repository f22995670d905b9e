/**
 * Pruning: keep rules as pure functions from a list of snapshots to the ones to destroy, one
 * class per rule ({@code last_n}, {@code grid}, {@code regex}, {@code not_replicated}), and the
 * pruner that applies them on sender and receiver.
 *
 * <p><b>Role.</b> A snapshot is destroyed only if every rule votes to destroy it; bookmarks are
 * never pruned; nothing is pruned before a replication cursor exists.
 *
 * <p><b>Threading.</b> Rules are stateless; the pruner runs on its job's thread.
 *
 * <p><b>Dependencies.</b> {@code endpoint}, {@code rpc}, {@code transport}, {@code zfs},
 * {@code config}; not {@code replication} or {@code snapshot}.
 */
package org.jzrepl.pruning;
