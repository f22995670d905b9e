package org.jzrepl.endpoint;

import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import org.jzrepl.config.BandwidthLimit;
import org.jzrepl.util.RateLimitedInputStream;
import org.jzrepl.util.TokenBucket;

/**
 * A job's {@code send.bandwidth_limit} or {@code recv.bandwidth_limit}: one {@link TokenBucket}
 * that every stream of the job takes from, so concurrent steps share the limit instead of each
 * getting it. The sender applies it to the bytes {@code zfs send} produces, the receiver to the
 * bytes it feeds {@code zfs recv}. Build one per job and hand the same instance to every endpoint of
 * the job (a sink builds one receiver per client connection). Thread-safe.
 */
public final class BandwidthLimiter {
    /** No limit: streams pass through unwrapped. */
    public static final BandwidthLimiter UNLIMITED = new BandwidthLimiter(null, null);

    private final BandwidthLimit config;
    private final TokenBucket bucket;

    private BandwidthLimiter(BandwidthLimit config, TokenBucket bucket) {
        this.config = config;
        this.bucket = bucket;
    }

    /** The limiter of a config section: {@link #UNLIMITED} when {@code max} is absent. */
    public static BandwidthLimiter of(BandwidthLimit limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.unlimited()) {
            return UNLIMITED;
        }
        return new BandwidthLimiter(limit, new TokenBucket(limit.max().orElseThrow().bytes(),
                limit.bucketCapacity().bytes()));
    }

    /** {@code stream}, reading no faster than the limit allows together with the job's other streams. */
    public InputStream wrap(InputStream stream) {
        return bucket == null ? stream : new RateLimitedInputStream(stream, bucket);
    }

    public boolean unlimited() {
        return bucket == null;
    }

    /** For the status: {@code 4 MiB/s (bucket_capacity 128 KiB)}; empty when unlimited. */
    public Optional<String> describe() {
        return config == null ? Optional.empty() : Optional.of(config.max().orElseThrow().format() + "/s (bucket_capacity "
                + config.bucketCapacity().format() + ")");
    }
}
