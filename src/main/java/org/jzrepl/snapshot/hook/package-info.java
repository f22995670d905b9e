/**
 * Snapshot hooks: what runs around the snapshot of one filesystem.
 *
 * <p>{@link org.jzrepl.snapshot.hook.Hook} is one configured hook (a pre part and the post part
 * it returns); {@link org.jzrepl.snapshot.hook.HookSequence} is zrepl's order for one filesystem:
 * pre hooks in config order, the snapshot, post parts of the successful pre hooks in reverse; a
 * failed fatal pre hook skips the snapshot.
 *
 * <p>{@link org.jzrepl.snapshot.hook.Hooks#fromConfig} builds the three zrepl hook types:
 * {@link org.jzrepl.snapshot.hook.CommandHook} (a process in its own process group, killed as a
 * group at the timeout; output in a capped ring), {@link org.jzrepl.snapshot.hook.PostgresCheckpointHook}
 * and {@link org.jzrepl.snapshot.hook.MysqlLockTablesHook} (JDBC; their DSNs translated from
 * lib/pq's and go-sql-driver's forms, refused at build when they cannot be).
 *
 * <p><b>Threading.</b> Hooks are called from the snapshotting job's thread, one filesystem and
 * one hook at a time; each call is bounded by its hook's {@code timeout}. A post part may hold a
 * resource from its pre part (the MySQL connection holding the read lock) and must release it,
 * also when it fails; {@link org.jzrepl.snapshot.hook.Hook#close()} (when the job stops) releases
 * what post parts not yet run still hold. A command hook's output is drained by two short-lived
 * threads per call.
 *
 * <p><b>Dependencies.</b> {@code config}, {@code zfs} (dataset names), {@code util}.
 */
package org.jzrepl.snapshot.hook;
