package org.jzrepl.snapshot.hook;

import java.util.Arrays;

/**
 * The last {@code capacity} bytes written to it, like zrepl's {@code circlog}: a command hook's
 * combined stdout and stderr, kept for its error message and status, so that a hook printing
 * without end costs at most {@code capacity} bytes. Grows on demand up to the cap, then
 * overwrites its oldest bytes. Thread-safe (stdout and stderr are drained by two threads).
 */
final class OutputRing {
    private static final int INITIAL = 8192;

    private final int capacity;
    private byte[] buf;
    private int start; // index of the oldest byte once wrapped
    private int size;
    private long total;

    OutputRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.buf = new byte[Math.min(capacity, INITIAL)];
    }

    synchronized void write(byte[] b, int off, int len) {
        total += len;
        if (len >= capacity) { // only the last capacity bytes of b survive
            ensure(capacity);
            System.arraycopy(b, off + len - capacity, buf, 0, capacity);
            start = 0;
            size = capacity;
            return;
        }
        ensure(Math.min(capacity, size + len));
        for (int i = 0; i < len; ) {
            int end = (start + size) % buf.length; // next free slot, or the oldest byte when full
            int n = Math.min(len - i, buf.length - end);
            System.arraycopy(b, off + i, buf, end, n);
            i += n;
            int overflow = Math.max(0, size + n - buf.length);
            size += n - overflow;
            start = (start + overflow) % buf.length;
        }
    }

    /** The bytes kept, oldest first. */
    synchronized byte[] bytes() {
        byte[] out = new byte[size];
        int first = Math.min(size, buf.length - start);
        System.arraycopy(buf, start, out, 0, first);
        System.arraycopy(buf, 0, out, first, size - first);
        return out;
    }

    /** How many bytes were written in all, kept or not. */
    synchronized long total() {
        return total;
    }

    int capacity() {
        return capacity;
    }

    private void ensure(int needed) {
        if (needed <= buf.length) {
            return;
        }
        int n = buf.length;
        while (n < needed) {
            n = (int) Math.min(capacity, 2L * n);
        }
        byte[] kept = bytes(); // before wrapping the buffer is never grown: size < length
        buf = Arrays.copyOf(kept, n);
        start = 0;
    }
}
