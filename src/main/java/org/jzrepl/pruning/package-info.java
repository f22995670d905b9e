/**
 * Pruning: the keep rules as pure functions over the snapshots of one filesystem.
 *
 * <p><b>What exists.</b> {@link org.jzrepl.pruning.Keep} (sealed) with one class per rule:
 * {@link org.jzrepl.pruning.KeepGrid} ({@code grid}), {@link org.jzrepl.pruning.KeepLastN}
 * ({@code last_n}), {@link org.jzrepl.pruning.KeepRegex} ({@code regex}) and
 * {@link org.jzrepl.pruning.KeepNotReplicated} ({@code not_replicated}), built from the config by
 * {@code Keep.fromConfig}. Input is a list of {@link org.jzrepl.pruning.PruneCandidate}
 * (snapshots only: bookmarks are never candidates), made from a zfs listing and the sender's
 * replication cursor by {@link org.jzrepl.pruning.Candidates}.
 * {@link org.jzrepl.pruning.PrunePlan#destroyList} applies the rules: a snapshot is destroyed only
 * if no rule keeps it; no rules, nothing destroyed. The answer is a
 * {@link org.jzrepl.pruning.PrunePlan} (what to destroy, and for each kept snapshot every rule that
 * kept it and why, e.g. "rule 2 (grid): bucket 3 of 39"), or
 * {@link org.jzrepl.pruning.PruneDecision.Undecided} when {@code not_replicated} meets a filesystem
 * without a replication cursor: then that filesystem must not be pruned.
 *
 * <p><b>Not built yet.</b> The pruner that lists, plans and destroys on sender and receiver (and,
 * as zrepl, refuses any filesystem without a cursor and skips placeholders and receiver
 * filesystems without a sender counterpart), its place in the job runtime, and the protection that
 * never destroys the last snapshot both sides have in common.
 *
 * <p><b>Threading.</b> Rules and plans are immutable and stateless; safe from any thread.
 *
 * <p><b>Dependencies.</b> {@code config} (rule settings), {@code zfs} (listings); the pruner will
 * add {@code endpoint}. Not {@code replication} or {@code snapshot}.
 */
package org.jzrepl.pruning;
