package org.jzrepl.pruning;

/**
 * Where a snapshot of the prune target stands relative to the sender's replication cursor, in
 * createtxg order. Only {@code not_replicated} reads it. The guid, not the createtxg, ties a
 * snapshot to the cursor: sender and receiver may be different pools.
 */
public enum CursorPosition {
    /** Created before the cursor's snapshot: replicated. */
    BEFORE,
    /** The snapshot whose guid the cursor bookmark carries. */
    AT,
    /**
     * Created after the cursor's snapshot, or the cursor's snapshot is not on the target (then
     * zrepl counts nothing as replicated): not replicated yet.
     */
    AFTER,
    /** The filesystem has no replication cursor yet: nothing is known to be replicated. */
    NO_CURSOR;

    /** Replicated, counting the snapshot at the cursor as replicated only if {@code atCursorReplicated}. */
    public boolean replicated(boolean atCursorReplicated) {
        return this == BEFORE || (this == AT && atCursorReplicated);
    }
}
