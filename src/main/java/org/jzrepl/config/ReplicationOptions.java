package org.jzrepl.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code replication}: {@code protection.initial} and {@code protection.incremental} (both default
 * guarantee_resumability), {@code concurrency.steps} (steps run at once, default 1),
 * {@code concurrency.size_estimates} (dry sends at once, default 4) and {@code timeout.stall}
 * (jzrepl's key: a step whose byte count has not moved for this long is aborted and resumed in the
 * next attempt; default 5 minutes, {@code 0s} turns the watchdog off).
 */
public record ReplicationOptions(ProtectionGuarantee initialProtection, ProtectionGuarantee incrementalProtection,
                                 int steps, int sizeEstimates, Duration stallTimeout) {
    /** {@code timeout.stall} unless configured. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(5);
    public static final ReplicationOptions DEFAULT = new ReplicationOptions(ProtectionGuarantee.GUARANTEE_RESUMABILITY,
            ProtectionGuarantee.GUARANTEE_RESUMABILITY, 1, 4, DEFAULT_STALL_TIMEOUT);

    public ReplicationOptions {
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (stallTimeout.isNegative()) {
            throw new IllegalArgumentException("timeout.stall must not be negative, got " + stallTimeout);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("concurrency.steps must be at least 1, got " + steps);
        }
        if (sizeEstimates < 1) {
            throw new IllegalArgumentException("concurrency.size_estimates must be at least 1, got " + sizeEstimates);
        }
    }
}
