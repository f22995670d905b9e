package org.jzrepl.config;

import java.util.Objects;

/**
 * A push or pull job's {@code conflict_resolution} section: how the planner resolves what it
 * would otherwise report as a conflict.
 *
 * @param initialReplication        {@code initial_replication}: what to send when the receiver has nothing
 * @param unresumablePartialReceive {@code unresumable_partial_receive}: what to do with a partial
 *                                  receive whose source snapshot the sender no longer has
 */
public record ConflictResolution(InitialReplication initialReplication,
                                 UnresumablePartialReceive unresumablePartialReceive) {

    /** zrepl's defaults: {@code most_recent}, and a partial receive is never discarded. */
    public static final ConflictResolution DEFAULT =
            new ConflictResolution(InitialReplication.MOST_RECENT, UnresumablePartialReceive.FAIL);

    public ConflictResolution {
        Objects.requireNonNull(initialReplication, "initialReplication");
        Objects.requireNonNull(unresumablePartialReceive, "unresumablePartialReceive");
    }

    /**
     * {@code conflict_resolution.unresumable_partial_receive}: the receiver holds a partial receive
     * (a resume token) whose {@code to} snapshot, or whose incremental source, the sender no longer
     * has, so it can never be resumed.
     */
    public enum UnresumablePartialReceive {
        /** Report a conflict naming the {@code zfs recv -A} that discards it; an operator decides. The default. */
        FAIL,
        /**
         * Discard the partial state ({@code zfs recv -A}, losing the bytes received so far, never a
         * received snapshot) and replicate from the receiver's snapshots as if it had not been there.
         */
        ABORT
    }
}
