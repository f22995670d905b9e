/**
 * Snapshot hooks: what runs around the snapshot of one filesystem.
 *
 * <p>{@link org.jzrepl.snapshot.hook.Hook} is one configured hook (a pre part and the post part
 * it returns); {@link org.jzrepl.snapshot.hook.HookSequence} is zrepl's order for one filesystem:
 * pre hooks in config order, the snapshot, post parts of the successful pre hooks in reverse; a
 * failed fatal pre hook skips the snapshot.
 *
 * <p><b>Threading.</b> Hooks are called from the snapshotting job's thread, one filesystem and
 * one hook at a time; each call is bounded by its hook's {@code timeout}. A post part may hold a
 * resource from its pre part (the MySQL connection holding the read lock) and must release it.
 *
 * <p><b>Dependencies.</b> {@code config}, {@code zfs} (dataset names), {@code util}.
 */
package org.jzrepl.snapshot.hook;
