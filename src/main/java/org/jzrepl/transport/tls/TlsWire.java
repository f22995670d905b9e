package org.jzrepl.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.jzrepl.transport.StreamChannels;
import org.jzrepl.transport.Wire;

/**
 * A TLS connection as a {@link Wire}, over the socket's streams ({@link StreamChannels}: one
 * gathering write is one flush). Bytes read before the wire was made come first. Half-close sends
 * TLS close_notify where the JDK supports it (TLS 1.3); otherwise it does nothing, and the RPC
 * layer's CLOSE frames end the connection. {@code onClose} runs once, when the wire is closed.
 */
final class TlsWire implements Wire {
    private final SSLSocket socket;
    private final ReadableByteChannel in;
    private final GatheringByteChannel out;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    TlsWire(SSLSocket socket, byte[] alreadyRead, Runnable onClose) throws IOException {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.in = StreamChannels.readable(alreadyRead.length == 0 ? socket.getInputStream()
                : new SequenceInputStream(new ByteArrayInputStream(alreadyRead.clone()), socket.getInputStream()));
        this.out = StreamChannels.writable(socket.getOutputStream());
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
        if (socket.isClosed() || socket.isOutputShutdown()) {
            return;
        }
        try {
            socket.shutdownOutput();
        } catch (UnsupportedOperationException e) {
            // TLS 1.2 in the JDK has no half-close; CLOSE frames end the connection instead
        }
    }

    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            try {
                socket.close();
            } finally {
                onClose.run();
            }
        }
    }
}
