package org.jzrepl.config;

import java.util.Optional;

/**
 * {@code send|recv.bandwidth_limit}: a token bucket. {@code max} per second, empty = unlimited
 * (zrepl's default {@code -1 B}); {@code bucket_capacity} defaults to 128 KiB.
 */
public record BandwidthLimit(Optional<ByteSize> max, ByteSize bucketCapacity) {
    public static final ByteSize DEFAULT_BUCKET = ByteSize.ofBytes(128 * 1024);
    public static final BandwidthLimit UNLIMITED = new BandwidthLimit(Optional.empty(), DEFAULT_BUCKET);

    public BandwidthLimit {
        if (max.isPresent() && max.get().bits() <= 0) {
            throw new IllegalArgumentException("max must be positive, or negative (-1 B) for unlimited");
        }
        if (bucketCapacity.bits() <= 0) {
            throw new IllegalArgumentException("bucket_capacity must be positive, got " + bucketCapacity);
        }
    }

    public boolean unlimited() {
        return max.isEmpty();
    }
}
