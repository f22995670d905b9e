/**
 * Pruning: the keep rules as pure functions, the protection that no rule can override, and the
 * pruner that runs both on one side of a job.
 *
 * <p><b>Keep rules.</b> {@link org.jzrepl.pruning.Keep} (sealed) with one class per rule:
 * {@link org.jzrepl.pruning.KeepGrid} ({@code grid}), {@link org.jzrepl.pruning.KeepLastN}
 * ({@code last_n}), {@link org.jzrepl.pruning.KeepRegex} ({@code regex}) and
 * {@link org.jzrepl.pruning.KeepNotReplicated} ({@code not_replicated}), built from the config by
 * {@code Keep.fromConfig}. Input: {@link org.jzrepl.pruning.PruneCandidate}s (snapshots only),
 * made by {@link org.jzrepl.pruning.Candidates} from a listing and the replication cursor.
 * {@link org.jzrepl.pruning.PrunePlan#destroyList}: a snapshot is destroyed only if no rule keeps
 * it; no rules, nothing destroyed; {@link org.jzrepl.pruning.PruneDecision.Undecided} when
 * {@code not_replicated} meets a filesystem without a cursor (it is then not pruned).
 *
 * <p><b>Protection.</b> {@link org.jzrepl.pruning.Protection}, pure: on a sender, the snapshot of
 * every replication cursor and tentative cursor bookmark ({@link org.jzrepl.pruning.CursorMark}),
 * of any job and of zrepl, and for the client whose job runs the prune its newest received snapshot
 * (where its cursor points, or would point if the cursor is missing or behind) and its partial
 * receive's versions; on a receiver, its newest snapshot whose guid the sender still has (as a
 * snapshot or bookmark), its newest snapshot, and its partial receive's base.
 * {@link org.jzrepl.pruning.FilesystemPlanner} applies the rules and takes protected snapshots back:
 * a {@link org.jzrepl.pruning.FilesystemPrunePlan} lists what goes, every kept snapshot with its
 * rules and protection reasons, and the snapshots only protection keeps.
 *
 * <p><b>Clients and cursors.</b> A source job serves each client identity with per-client step
 * holds and cursors ({@code jzrepl_CURSOR_G_<guid>_C<n>_<client>_J_<job>}), so one client's run
 * never releases or destroys what another's needs; a push job's cursor is job-only. Every cursor
 * bookmark protects its snapshot ({@link org.jzrepl.pruning.CursorMark} names the client).
 * {@code not_replicated} counts a snapshot replicated only when the cursor of every client is at or
 * past it ({@code FilesystemPlanner.oldest}): {@code Sender.replicationCursor} answers the caller's
 * own cursor and every client's; a source job's job-only cursor from before per-client names counts
 * only while no client has a per-client one (it stays protected, and is never released by a client's
 * completion: it may be the base of a client that has not replicated since the upgrade).
 *
 * <p><b>The pruner.</b> {@link org.jzrepl.pruning.Pruner} ({@code sender}, {@code receiver},
 * {@code local} for snap jobs) lists through the {@link org.jzrepl.endpoint.Endpoint} interface, so
 * the same code prunes locally and through the RPC proxy; placeholders and receiver filesystems
 * the sender does not list are skipped with the reason. Destroys go in requests of at most
 * {@code Zfs.MAX_DESTROY_SNAPSHOTS} names; the endpoint batches them into {@code zfs destroy}
 * commands and retries one by one around failures; a held snapshot is reported with its hold tags,
 * a snapshot the endpoint refuses (the sender: any cursor's; the receiver: its newest) as kept with
 * the endpoint's reason, neither as an error. A filesystem that failed is planned and tried again
 * within the run after a backoff ({@link org.jzrepl.pruning.PruneSettings}, waits through an
 * injected {@link org.jzrepl.runtime.Sleeper}). {@code dryRun} returns the plans without
 * destroying. {@link org.jzrepl.pruning.PruneReport} (per side and per filesystem: planned,
 * destroyed, kept and protected with reasons, held, skipped reason, error count, last error) is
 * immutable and Jackson-serialisable.
 *
 * <p><b>Threading.</b> Rules, plans, protection and reports are immutable and stateless; safe from
 * any thread. A {@code Pruner} serves one run: {@code run} on one thread, {@code status} from any;
 * an interrupt ends the run with InterruptedException.
 *
 * <p><b>Dependencies.</b> {@code config} (rule settings), {@code zfs} (listings), {@code endpoint}
 * (the interface the pruner talks through, cursor names), {@code util}. Not {@code replication}
 * or {@code snapshot}.
 */
package org.jzrepl.pruning;
