package org.jzrepl.config;

/**
 * {@code replication}: {@code protection.initial} and {@code protection.incremental} (both default
 * guarantee_resumability), {@code concurrency.steps} (steps run at once, default 1) and
 * {@code concurrency.size_estimates} (dry sends at once, default 4).
 */
public record ReplicationOptions(ProtectionGuarantee initialProtection, ProtectionGuarantee incrementalProtection,
                                 int steps, int sizeEstimates) {
    public static final ReplicationOptions DEFAULT = new ReplicationOptions(ProtectionGuarantee.GUARANTEE_RESUMABILITY,
            ProtectionGuarantee.GUARANTEE_RESUMABILITY, 1, 4);

    public ReplicationOptions {
        if (steps < 1) {
            throw new IllegalArgumentException("concurrency.steps must be at least 1, got " + steps);
        }
        if (sizeEstimates < 1) {
            throw new IllegalArgumentException("concurrency.size_estimates must be at least 1, got " + sizeEstimates);
        }
    }
}
