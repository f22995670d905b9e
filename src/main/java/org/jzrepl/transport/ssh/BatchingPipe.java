package org.jzrepl.transport.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.sshd.common.channel.ChannelPipedSink;
import org.apache.sshd.common.channel.LocalWindow;

/**
 * The reading end of an exec channel's stdout, in place of MINA's {@code ChannelPipedInputStream}.
 * The SSH window is accounted the same way (released as the reader consumes, so the buffer never
 * holds more than the window the peer was granted), but a blocked reader is not woken for every
 * packet. It is woken once the bytes it asked for are here (up to {@link #BATCH}), or when a packet
 * shorter than the channel's packet size arrives: the peer had no more at hand, so whatever is
 * buffered is all that is coming for now (the end of an RPC frame, a reply). On a slow link a
 * stream of full packets thus costs a reader two wake-ups per {@link #BATCH} (its first bytes,
 * then the rest) instead of one per packet. A reader holding some bytes waits at most {@link
 * #HOLD_NANOS} for the rest, so a peer that stops right after a full packet delays it no longer.
 *
 * <p>MINA calls {@link #receive}, {@link #eof} and {@link #close} from its I/O threads; one
 * thread reads.
 */
final class BatchingPipe extends InputStream implements ChannelPipedSink {
    /** A reader asking for more than this is woken once this much is buffered. */
    static final int BATCH = 128 << 10;
    /** Longest a reader that could return some bytes waits for the rest of its batch. */
    static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final LocalWindow window;
    private final long packetSize;
    private final long holdNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private byte[] buf = new byte[64 << 10];
    private int head;
    private int tail;
    /** Bytes the blocked reader waits for; 0 when no reader is blocked. */
    private int wanted;
    /** A short packet arrived since the last read: what is buffered is all there is for now. */
    private boolean flushed;
    private boolean eof;
    private boolean closed;

    BatchingPipe(LocalWindow window) {
        this(window, HOLD_NANOS);
    }

    BatchingPipe(LocalWindow window, long holdNanos) {
        this.window = window;
        long size = window.getPacketSize();
        this.packetSize = size > 0 ? size : Long.MAX_VALUE;   // unknown: every packet wakes the reader
        this.holdNanos = holdNanos;
    }

    @Override
    public void receive(byte[] bytes, int off, int len) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IOException("pipe closed");
            }
            boolean wasEmpty = tail == head;
            append(bytes, off, len);
            if (len < packetSize) {
                flushed = true;
            }
            // an empty-handed reader is woken by its first bytes, so that its hold can start
            if (wanted > 0 && (wasEmpty || flushed || tail - head >= wanted)) {
                ready.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void eof() {
        wakeAfter(() -> eof = true);
    }

    @Override
    public boolean isOpen() {
        lock.lock();
        try {
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        wakeAfter(() -> closed = true);
    }

    /** Makes {@code change} under the lock and wakes the reader, whatever it waits for. */
    private void wakeAfter(Runnable change) {
        lock.lock();
        try {
            change.run();
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return tail - head;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n;
        lock.lock();
        try {
            awaitBatch(Math.min(len, BATCH));
            int size = tail - head;
            if (size == 0) {
                return -1;
            }
            n = Math.min(len, size);
            System.arraycopy(buf, head, b, off, n);
            head += n;
            if (head == tail) {
                head = tail = 0;
                flushed = false;
            }
        } finally {
            lock.unlock();
        }
        if (window.isOpen()) {
            window.release(n);
        }
        return n;
    }

    /** Waits until {@code want} bytes are here, a short packet or EOF came, or a held batch timed out. */
    private void awaitBatch(int want) throws IOException {
        long holdUntil = 0;
        try {
            while (true) {
                if (closed) {
                    throw new IOException("pipe closed");
                }
                int size = tail - head;
                if (size >= want || eof || (size > 0 && flushed)) {
                    return;
                }
                wanted = want;
                if (size == 0) {
                    holdUntil = 0;
                    ready.await();
                } else {
                    long now = System.nanoTime();
                    if (holdUntil == 0) {
                        holdUntil = now + holdNanos;
                    } else if (now - holdUntil >= 0) {
                        return;
                    }
                    ready.awaitNanos(holdUntil - now);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the SSH channel");
        } finally {
            wanted = 0;
        }
    }

    private void append(byte[] bytes, int off, int len) {
        if (buf.length - tail < len) {
            int size = tail - head;
            if (buf.length - size < len) {
                byte[] bigger = new byte[Math.max(buf.length * 2, size + len)];
                System.arraycopy(buf, head, bigger, 0, size);
                buf = bigger;
            } else {
                System.arraycopy(buf, head, buf, 0, size);
            }
            head = 0;
            tail = size;
        }
        System.arraycopy(bytes, off, buf, tail, len);
        tail += len;
    }
}
