package org.jzrepl.util;

import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket shared by the streams of one job: it fills at {@code bytesPerSecond} up to
 * {@code capacity} bytes, and a reader takes one token per byte it has read. A take may leave the
 * bucket in debt; the taker then sleeps until the bucket has refilled the debt, so concurrent takers
 * queue behind each other and their aggregate rate is the bucket's (as juju/ratelimit's
 * {@code Wait}, which zrepl uses). Over any span {@code T} at most {@code capacity + rate * T} bytes
 * pass. Thread-safe; the sleeping happens outside the lock.
 */
public final class TokenBucket {

    /** Sleeps; {@code Thread::sleep}-like, injectable for tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private static final Sleeper REAL_SLEEP = n -> TimeUnit.NANOSECONDS.sleep(n);

    private final double bytesPerNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    /**
     * @param bytesPerSecond the refill rate, positive
     * @param capacity       the most tokens the bucket holds (the burst), positive; it starts full
     */
    public TokenBucket(double bytesPerSecond, double capacity, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(bytesPerSecond > 0) || !(capacity > 0) || Double.isInfinite(bytesPerSecond) || Double.isInfinite(capacity)) {
            throw new IllegalArgumentException("rate and capacity must be positive: " + bytesPerSecond + ", " + capacity);
        }
        this.bytesPerNano = bytesPerSecond / 1e9;
        this.capacity = capacity;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.tokens = capacity;
        this.last = nanoTime.getAsLong();
    }

    public TokenBucket(double bytesPerSecond, double capacity) {
        this(bytesPerSecond, capacity, System::nanoTime, REAL_SLEEP);
    }

    /** The refill rate in bytes per second. */
    public double bytesPerSecond() {
        return bytesPerNano * 1e9;
    }

    /**
     * Takes {@code n} tokens, sleeping for as long as the bucket is in debt after the take.
     *
     * @throws InterruptedIOException when interrupted while sleeping (the interrupt flag stays set)
     */
    public void take(long n) throws InterruptedIOException {
        if (n <= 0) {
            return;
        }
        long wait = reserve(n);
        if (wait <= 0) {
            return;
        }
        try {
            sleeper.sleepNanos(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException ie = new InterruptedIOException("interrupted while waiting for the bandwidth limit");
            ie.bytesTransferred = 0;
            throw ie;
        }
    }

    /** Refills by the time passed, takes {@code n}, and returns how long the debt takes to refill (ns). */
    private synchronized long reserve(long n) {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * bytesPerNano);
        last = now;
        tokens -= n;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / bytesPerNano);
    }
}
