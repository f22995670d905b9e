package org.jzrepl.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RateLimitedInputStreamTest {
    private static final int MIB = 1024 * 1024;

    /** Endless zeros, as fast as the reader asks. */
    private static final class Zeros extends InputStream {
        @Override
        public int read() {
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return len;
        }
    }

    @Test
    void passesTheBytesThroughAndCapsEachRead() throws IOException {
        TokenBucket b = new TokenBucket(1e9, 1e9);
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        RateLimitedInputStream in = new RateLimitedInputStream(new ByteArrayInputStream(data), b);
        assertEquals(128 * 1024, in.maxRead(), "a tenth of a second's worth, at most 128 KiB");
        byte[] buf = new byte[data.length];
        assertEquals(128 * 1024, in.read(buf, 0, buf.length));
        assertEquals(data[5], buf[5]);
        assertEquals(1024, new RateLimitedInputStream(new Zeros(), new TokenBucket(100, 100)).maxRead(),
                "at least 1 KiB");
    }

    /**
     * Two streams read as fast as they can through one bucket of 4 MiB/s for 10 s: together they
     * get 4 MiB/s within 10%. The upper bound is the bucket's guarantee (capacity + rate * time);
     * the bucket of 512 KiB absorbs late wake-ups of up to 125 ms on a busy machine.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoConcurrentStreamsShareOneLimit() throws Exception {
        TokenBucket bucket = new TokenBucket(4 * MIB, 512 * 1024);
        AtomicLong total = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(10);
        Thread[] readers = new Thread[2];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = new Thread(() -> {
                byte[] buf = new byte[64 * 1024];
                try (InputStream in = new RateLimitedInputStream(new Zeros(), bucket)) {
                    while (System.nanoTime() < end) {
                        total.addAndGet(in.read(buf));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "limited-reader-" + i);
            readers[i].start();
        }
        for (Thread t : readers) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = total.get() / seconds / MIB;
        assertTrue(rate > 3.6 && rate < 4.4, "aggregate " + rate + " MiB/s over " + seconds + " s");
    }
}
