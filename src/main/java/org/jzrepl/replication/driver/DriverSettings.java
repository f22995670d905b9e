package org.jzrepl.replication.driver;

import java.time.Duration;
import java.util.Objects;
import org.jzrepl.config.ConflictResolution;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.config.ReplicationOptions;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.replication.plan.PlanPolicy;

/**
 * The driver's tunables.
 *
 * @param concurrentSteps steps run at once, each on its own session ({@code replication.concurrency.steps}, 1)
 * @param sizeEstimates   dry sends run at once to learn every step's size before stepping
 *                        ({@code replication.concurrency.size_estimates}, 4); 0 skips the estimates,
 *                        and a step then learns its size when it starts
 * @param maxAttempts     attempts per run, counting the first (3); only connectivity failures start another
 * @param reconnectWait   after a connectivity failure, how long to keep trying to reconnect before the
 *                        run fails (10 minutes); the tries back off from 1 s to 1 min
 * @param protection      {@code replication.protection}, passed to the sender with every step
 * @param policy          the planner's policy ({@code conflict_resolution})
 * @param stallTimeout    a running step whose byte count has not moved for this long is aborted (its
 *                        session closed, its local zfs send killed) and resumed in the next attempt
 *                        ({@code replication.timeout.stall}, 5 minutes); zero turns the watchdog off
 */
public record DriverSettings(int concurrentSteps, int sizeEstimates, int maxAttempts, Duration reconnectWait,
                             ReplicationConfig protection, PlanPolicy policy, Duration stallTimeout) {

    /** Attempts per run unless configured otherwise (zrepl: 3). */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** How long to wait for connectivity after a connection failure (zrepl: 10 minutes). */
    public static final Duration DEFAULT_RECONNECT_WAIT = Duration.ofMinutes(10);

    /** Settings with the default stall timeout. */
    public DriverSettings(int concurrentSteps, int sizeEstimates, int maxAttempts, Duration reconnectWait,
                          ReplicationConfig protection, PlanPolicy policy) {
        this(concurrentSteps, sizeEstimates, maxAttempts, reconnectWait, protection, policy,
                ReplicationOptions.DEFAULT_STALL_TIMEOUT);
    }

    public DriverSettings {
        Objects.requireNonNull(reconnectWait, "reconnectWait");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (stallTimeout.isNegative()) {
            throw new IllegalArgumentException("stallTimeout must not be negative, got " + stallTimeout);
        }
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(policy, "policy");
        if (concurrentSteps < 1) {
            throw new IllegalArgumentException("concurrentSteps must be at least 1, got " + concurrentSteps);
        }
        if (sizeEstimates < 0) {
            throw new IllegalArgumentException("sizeEstimates must not be negative, got " + sizeEstimates);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (reconnectWait.isNegative()) {
            throw new IllegalArgumentException("reconnectWait must not be negative, got " + reconnectWait);
        }
    }

    /** The settings of a job's {@code replication} and {@code conflict_resolution} sections. */
    public static DriverSettings fromConfig(ReplicationOptions replication, ConflictResolution conflict) {
        return new DriverSettings(replication.steps(), replication.sizeEstimates(), DEFAULT_MAX_ATTEMPTS,
                DEFAULT_RECONNECT_WAIT,
                new ReplicationConfig(replication.initialProtection(), replication.incrementalProtection()),
                PlanPolicy.of(conflict), replication.stallTimeout());
    }

    /** {@link #fromConfig(ReplicationOptions, ConflictResolution)} with only {@code initial_replication} set. */
    public static DriverSettings fromConfig(ReplicationOptions replication, InitialReplication initial) {
        return fromConfig(replication, new ConflictResolution(initial,
                ConflictResolution.UnresumablePartialReceive.FAIL));
    }

    /** These settings with another concurrency. */
    public DriverSettings withConcurrentSteps(int steps) {
        return new DriverSettings(steps, sizeEstimates, maxAttempts, reconnectWait, protection, policy, stallTimeout);
    }

    /** These settings with other retry limits. */
    public DriverSettings withRetries(int attempts, Duration wait) {
        return new DriverSettings(concurrentSteps, sizeEstimates, attempts, wait, protection, policy, stallTimeout);
    }

    /** These settings with another stall timeout (zero: no watchdog). */
    public DriverSettings withStallTimeout(Duration timeout) {
        return new DriverSettings(concurrentSteps, sizeEstimates, maxAttempts, reconnectWait, protection, policy,
                timeout);
    }
}
