package org.jzrepl.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jzrepl.transport.Connecter;
import org.jzrepl.transport.Wire;

/**
 * A connecter decorator that cuts one connection: the first wire that has read more than
 * {@code limit} bytes from the peer is closed under the reader, as when the network drops.
 * Later wires pass through untouched.
 */
final class CuttingConnecter implements Connecter {
    private final Connecter inner;
    private final long limit;
    private final AtomicBoolean armed = new AtomicBoolean(true);
    private final AtomicLong cutAt = new AtomicLong(-1);

    CuttingConnecter(Connecter inner, long limit) {
        this.inner = inner;
        this.limit = limit;
    }

    /** Bytes read on the cut wire when it was cut; -1 if nothing was cut yet. */
    long cutAt() {
        return cutAt.get();
    }

    @Override
    public Wire connect() throws IOException {
        Wire w = inner.connect();
        return armed.get() ? new Cutting(w) : w;
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }

    private final class Cutting implements Wire, ReadableByteChannel {
        private final Wire wire;
        private long read;

        Cutting(Wire wire) {
            this.wire = wire;
        }

        @Override
        public ReadableByteChannel in() {
            return this;
        }

        @Override
        public WritableByteChannel out() {
            return wire.out();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = wire.in().read(dst);
            if (n > 0) {
                read += n;
                if (read > limit && armed.compareAndSet(true, false)) {
                    cutAt.set(read);
                    wire.close();
                    throw new IOException("test cut the connection after " + read + " bytes");
                }
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return wire.in().isOpen();
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
