package org.jzrepl.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jzrepl.transport.Wire;

/**
 * A plain TCP connection as a {@link Wire}: the socket channel itself, blocking, so a frame's
 * header and payload leave in one gathering write. Bytes already read from the peer before the
 * wire was made (the four a connecter reads to tell the RPC handshake from a refusal) are
 * returned first. {@code onClose} runs once, when the wire is closed (releasing a connection cap).
 */
public final class SocketWire implements Wire {
    private final SocketChannel channel;
    private final ReadableByteChannel in;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    public SocketWire(SocketChannel channel, byte[] alreadyRead, Runnable onClose) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.in = alreadyRead.length == 0 ? channel : new Prefixed(ByteBuffer.wrap(alreadyRead.clone()), channel);
    }

    @Override
    public ReadableByteChannel in() {
        return in;
    }

    @Override
    public WritableByteChannel out() {
        return channel;
    }

    @Override
    public void closeWrite() throws IOException {
        if (channel.isOpen()) {
            channel.shutdownOutput();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            try {
                channel.close();
            } finally {
                onClose.run();
            }
        }
    }

    /** A channel that yields {@code prefix} before the bytes of {@code rest}. For one reader thread. */
    static final class Prefixed implements ReadableByteChannel {
        private final ByteBuffer prefix;
        private final ReadableByteChannel rest;

        Prefixed(ByteBuffer prefix, ReadableByteChannel rest) {
            this.prefix = prefix;
            this.rest = rest;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!prefix.hasRemaining()) {
                return rest.read(dst);
            }
            int n = Math.min(prefix.remaining(), dst.remaining());
            ByteBuffer slice = prefix.slice();
            slice.limit(n);
            dst.put(slice);
            prefix.position(prefix.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return rest.isOpen();
        }

        @Override
        public void close() throws IOException {
            rest.close();
        }
    }
}
