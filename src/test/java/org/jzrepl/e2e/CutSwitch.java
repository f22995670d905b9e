package org.jzrepl.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jzrepl.transport.Connecter;
import org.jzrepl.transport.Wire;

/**
 * A connecter decorator that cuts connections on demand, any number of times: once {@link #arm}ed
 * with a byte limit, the first wire (dialled while armed) that has moved more than that many bytes,
 * read and written together, is closed under the job and the switch disarms. Counting both ways
 * cuts a push (whose stream is written) as well as a pull (whose stream is read).
 */
final class CutSwitch implements Connecter {
    private final Connecter inner;
    private final AtomicReference<Long> armed = new AtomicReference<>();
    private final AtomicLong cuts = new AtomicLong();
    private volatile long lastCutAt = -1;

    CutSwitch(Connecter inner) {
        this.inner = inner;
    }

    /** Cuts the next wire that moves more than {@code limit} bytes. */
    void arm(long limit) {
        armed.set(limit);
    }

    void disarm() {
        armed.set(null);
    }

    boolean isArmed() {
        return armed.get() != null;
    }

    long cuts() {
        return cuts.get();
    }

    /** Bytes the last cut wire had moved when it was cut; -1 before the first cut. */
    long lastCutAt() {
        return lastCutAt;
    }

    @Override
    public Wire connect() throws IOException {
        Wire w = inner.connect();
        return armed.get() != null ? new Cutting(w) : w;
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }

    private final class Cutting implements Wire {
        private final Wire wire;
        private final AtomicLong moved = new AtomicLong();
        private final ReadableByteChannel in;
        private final WritableByteChannel out;

        Cutting(Wire wire) {
            this.wire = wire;
            this.in = new ReadableByteChannel() {
                @Override
                public int read(ByteBuffer dst) throws IOException {
                    int n = wire.in().read(dst);
                    count(Math.max(n, 0));
                    return n;
                }

                @Override
                public boolean isOpen() {
                    return wire.in().isOpen();
                }

                @Override
                public void close() throws IOException {
                    wire.in().close();
                }
            };
            this.out = new WritableByteChannel() {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    int n = wire.out().write(src);
                    count(n);
                    return n;
                }

                @Override
                public boolean isOpen() {
                    return wire.out().isOpen();
                }

                @Override
                public void close() throws IOException {
                    wire.out().close();
                }
            };
        }

        private void count(int n) throws IOException {
            long total = moved.addAndGet(n);
            Long limit = armed.get();
            if (limit != null && total > limit && armed.compareAndSet(limit, null)) {
                lastCutAt = total;
                cuts.incrementAndGet();
                wire.close();
                throw new IOException("test cut the connection after " + total + " bytes");
            }
        }

        @Override
        public ReadableByteChannel in() {
            return in;
        }

        @Override
        public WritableByteChannel out() {
            return out;
        }

        @Override
        public void closeWrite() throws IOException {
            wire.closeWrite();
        }

        @Override
        public void close() throws IOException {
            wire.close();
        }
    }
}
