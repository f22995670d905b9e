package org.jzrepl.transport.tcp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.jzrepl.transport.TransportException;

/**
 * Opens a TCP connection within a dial timeout, for the tcp and tls connecters, and says in the
 * exception what went wrong: no such host or no route (UNREACHABLE), nothing listening
 * (DAEMON_NOT_REACHABLE), timeout (UNREACHABLE); all temporary. Sockets get TCP_NODELAY (RPC
 * messages are small and waited for) and SO_KEEPALIVE.
 */
public final class Dialer {

    private Dialer() {
    }

    /** A connected blocking channel to {@code address}, or a {@link TransportException}. */
    public static SocketChannel dial(TcpAddress address, Duration timeout, String what) throws TransportException {
        InetSocketAddress target = address.dialAddress();
        if (target.isUnresolved()) {
            throw new TransportException(TransportException.Kind.UNREACHABLE, what + ": cannot resolve host '"
                    + address.host() + "'");
        }
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            ch.socket().connect(target, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return ch;
        } catch (IOException e) {
            closeQuietly(ch);
            throw failure(e, address, timeout, what);
        }
    }

    private static TransportException failure(IOException e, TcpAddress address, Duration timeout, String what) {
        if (e instanceof SocketTimeoutException) {
            return new TransportException(TransportException.Kind.UNREACHABLE, what + ": no answer from " + address
                    + " within dial_timeout " + timeout.toSeconds() + "s", e);
        }
        if (e instanceof ConnectException) {
            return new TransportException(TransportException.Kind.DAEMON_NOT_REACHABLE, what + ": " + address
                    + " refused the connection (is the jzrepl daemon running and listening there?)", e);
        }
        String kind = e instanceof NoRouteToHostException ? "no route to " : "cannot connect to ";
        return new TransportException(TransportException.Kind.UNREACHABLE, what + ": " + kind + address + ": "
                + e.getMessage(), e);
    }

    /** Closes {@code c} (may be null), ignoring failures: the connection is being dropped. */
    public static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do: the connection is being dropped
        }
    }
}
