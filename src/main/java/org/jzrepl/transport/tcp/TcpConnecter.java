package org.jzrepl.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import org.jzrepl.transport.Connecter;
import org.jzrepl.transport.Wire;

/**
 * The tcp transport's active side: one TCP connection per wire to {@code address}, within
 * {@code dial_timeout}. Before handing out the wire it waits (within the same timeout) for the
 * server's first bytes, so a refusal (address not in {@code clients}, over a cap) fails the dial
 * with the server's reason instead of failing the RPC handshake. Stateless: thread-safe.
 */
public final class TcpConnecter implements Connecter {
    private final TcpAddress address;
    private final Duration dialTimeout;

    public TcpConnecter(TcpAddress address, Duration dialTimeout) {
        this.address = Objects.requireNonNull(address, "address");
        this.dialTimeout = Objects.requireNonNull(dialTimeout, "dialTimeout");
    }

    @Override
    public Wire connect() throws IOException {
        String what = "tcp server " + address;
        SocketChannel ch = Dialer.dial(address, dialTimeout, "dialing " + what);
        try {
            ch.socket().setSoTimeout((int) Math.max(1, dialTimeout.toMillis()));
            // the adaptor's stream honours SO_TIMEOUT; the channel itself is used afterwards
            InputStream first = ch.socket().getInputStream();
            byte[] head = Refusal.await(first, what);
            ch.socket().setSoTimeout(0);
            return new SocketWire(ch, head, () -> { });
        } catch (java.net.SocketTimeoutException e) {
            Dialer.closeQuietly(ch);
            throw new org.jzrepl.transport.TransportException(org.jzrepl.transport.TransportException.Kind.PROTOCOL,
                    what + " accepted the connection but sent nothing within dial_timeout " + dialTimeout.toSeconds()
                    + "s (is it a jzrepl tcp serve? a tls serve waits for a TLS handshake)", e);
        } catch (IOException | RuntimeException e) {
            Dialer.closeQuietly(ch);
            throw e;
        }
    }

    @Override
    public String toString() {
        return "tcp " + address;
    }

}
