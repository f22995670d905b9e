package org.jzrepl.util;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads through a {@link TokenBucket}: after each read the bytes read are taken from the bucket,
 * which may sleep. A read moves at most {@link #maxRead} bytes (a tenth of a second's worth at the
 * bucket's rate, 1 KiB to 128 KiB), so that one sleep is short and a stream that is closed or
 * aborted does not stay asleep for long. {@code close}, {@code available} pass through; mark is not
 * supported. For one thread at a time, like the stream it wraps.
 */
public final class RateLimitedInputStream extends FilterInputStream {
    private static final int MIN_READ = 1024;
    private static final int MAX_READ = 128 * 1024;

    private final TokenBucket bucket;
    private final int maxRead;

    public RateLimitedInputStream(InputStream in, TokenBucket bucket) {
        super(Objects.requireNonNull(in, "in"));
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.maxRead = (int) Math.max(MIN_READ, Math.min(MAX_READ, bucket.bytesPerSecond() / 10));
    }

    /** The most bytes one read moves. */
    public int maxRead() {
        return maxRead;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            bucket.take(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, Math.min(len, maxRead));
        if (n > 0) {
            bucket.take(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = in.skip(Math.min(n, maxRead));
        if (k > 0) {
            bucket.take(k);
        }
        return k;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
