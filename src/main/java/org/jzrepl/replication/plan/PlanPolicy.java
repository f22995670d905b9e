package org.jzrepl.replication.plan;

import java.util.Objects;
import org.jzrepl.config.InitialReplication;

/**
 * The job's choices that change what the planner decides.
 *
 * @param initial what to send when the receiver has no snapshot yet
 *                ({@code conflict_resolution.initial_replication}); default {@code most_recent}
 */
public record PlanPolicy(InitialReplication initial) {

    /** zrepl's defaults: {@code initial_replication: most_recent}. */
    public static final PlanPolicy DEFAULT = new PlanPolicy(InitialReplication.MOST_RECENT);

    public PlanPolicy {
        Objects.requireNonNull(initial, "initial");
    }
}
