package org.jzrepl.replication.plan;

import java.util.Objects;
import org.jzrepl.config.ConflictResolution;
import org.jzrepl.config.ConflictResolution.UnresumablePartialReceive;
import org.jzrepl.config.InitialReplication;

/**
 * The job's choices that change what the planner decides ({@code conflict_resolution}).
 *
 * @param initial          what to send when the receiver has no snapshot yet
 *                         ({@code initial_replication}); default {@code most_recent}
 * @param partialReceive   what to do with a partial receive the sender can no longer complete
 *                         ({@code unresumable_partial_receive}); default {@code fail}
 */
public record PlanPolicy(InitialReplication initial, UnresumablePartialReceive partialReceive) {

    /** zrepl's defaults: {@code initial_replication: most_recent}; partial receives are never discarded. */
    public static final PlanPolicy DEFAULT = new PlanPolicy(InitialReplication.MOST_RECENT);

    public PlanPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(partialReceive, "partialReceive");
    }

    /** {@code initial}, partial receives never discarded. */
    public PlanPolicy(InitialReplication initial) {
        this(initial, UnresumablePartialReceive.FAIL);
    }

    /** The policy of a job's {@code conflict_resolution} section. */
    public static PlanPolicy of(ConflictResolution c) {
        return new PlanPolicy(c.initialReplication(), c.unresumablePartialReceive());
    }
}
