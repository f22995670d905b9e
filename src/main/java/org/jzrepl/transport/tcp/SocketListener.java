package org.jzrepl.transport.tcp;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.transport.AuthenticatedListener;
import org.jzrepl.transport.AuthenticatedWire;

/**
 * A listening TCP socket whose connections pass a {@link Handover} (tcp: the address map; tls: the
 * handshake and CN check) on the daemon's runtime ({@link AcceptLoop}); {@link #accept()} returns
 * the wires that passed, in the order they did. Listens only on the configured address.
 * {@link #close()} frees the address, closes wires that passed but were not taken yet, and makes
 * {@code accept()} throw {@link ClosedChannelException}. {@link #refusedConnections()} counts every
 * refused connection: handover refusals (address, certificate, connection caps) and connections
 * over {@link #MAX_PENDING_HANDOVERS}. Thread-safe.
 */
public final class SocketListener implements AuthenticatedListener {
    /** Connections in their handover at once, per listener; more are closed unread. */
    public static final int MAX_PENDING_HANDOVERS = 32;
    private static final AuthenticatedWire CLOSED = null;

    private final ServerSocketChannel server;
    private final AcceptLoop loop;
    private final LinkedBlockingQueue<AuthenticatedWire> ready = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    private SocketListener(ServerSocketChannel server, String name, Handover handover, TaskRunner runner) {
        this.server = server;
        this.loop = new AcceptLoop(name, server, handover, this::deliver, runner, MAX_PENDING_HANDOVERS);
    }

    /**
     * Binds {@code address} and starts accepting on {@code runner}.
     *
     * @param name for log lines and task names, e.g. {@code job sink1 tls :8888}
     * @throws IOException naming the address when it cannot be bound
     */
    public static SocketListener open(TcpAddress address, String name, Handover handover, TaskRunner runner)
            throws IOException {
        Objects.requireNonNull(handover, "handover");
        Objects.requireNonNull(runner, "runner");
        InetSocketAddress at = address.listenAddress();
        if (at.isUnresolved()) {
            throw new IOException("cannot listen on " + address + ": host '" + address.host() + "' does not resolve");
        }
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(at, 128);
        } catch (IOException e) {
            server.close();
            String hint = e instanceof BindException && String.valueOf(e.getMessage()).contains("assign")
                    ? " (the address is not configured on this host; zrepl's listen_freebind is"
                    + " net.ipv4.ip_nonlocal_bind=1 / net.ipv6.ip_nonlocal_bind=1 for jzrepl)" : "";
            throw new IOException("cannot listen on " + address + ": " + e.getMessage() + hint, e);
        }
        SocketListener l = new SocketListener(server, name, handover, runner);
        runner.execute(name + " accept", l.loop);
        return l;
    }

    /** The bound address (with the port the system chose when {@code :0} was asked for). */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    private void deliver(AuthenticatedWire w) {
        if (closed) {
            closeQuietly(w);
            return;
        }
        ready.add(w);
        if (closed && ready.remove(w)) {
            closeQuietly(w);
        }
    }

    @Override
    public AuthenticatedWire accept() throws IOException {
        while (true) {
            if (closed) {
                throw new ClosedChannelException();
            }
            try {
                AuthenticatedWire w = ready.poll(200, TimeUnit.MILLISECONDS);
                if (w != CLOSED) {
                    return w;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while accepting");
            }
        }
    }

    /** Why the last connection was refused (escaped peer text), null before the first refusal. */
    public String lastRefusal() {
        return loop.lastRefusal();
    }

    @Override
    public long refusedConnections() {
        return loop.refused();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            server.close();
        } finally {
            AuthenticatedWire w;
            while ((w = ready.poll()) != null) {
                closeQuietly(w);
            }
        }
    }

    private static void closeQuietly(AuthenticatedWire w) {
        Dialer.closeQuietly(w.wire());
    }
}
