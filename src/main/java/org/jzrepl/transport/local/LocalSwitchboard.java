package org.jzrepl.transport.local;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.jzrepl.config.ServeLimits;
import org.jzrepl.transport.AuthenticatedListener;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.ClientIdentity;
import org.jzrepl.transport.ConnectionCaps;
import org.jzrepl.transport.Connecter;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.TransportException.Kind;
import org.jzrepl.transport.Wire;

/**
 * The {@code local} transport: joins an active and a passive job inside one daemon. A passive job
 * {@link #listen}s under a name; an active job's {@link #connecter} dials that name and the
 * switchboard hands the two ends of a fresh pipe pair to both sides. The daemon owns one
 * switchboard and gives it to every job. Thread-safe.
 *
 * <p>A listener counts its connections against its {@link ConnectionCaps} from the dial until the
 * server's end of the wire is closed; a dial over a cap fails with OVER_CAPACITY naming the cap.
 */
public final class LocalSwitchboard {
    private final ConcurrentMap<String, Listener> listeners = new ConcurrentHashMap<>();

    /**
     * Registers a listener under {@code name}.
     *
     * @throws TransportException CONFIGURATION if another job already listens under that name
     */
    public AuthenticatedListener listen(String name) throws TransportException {
        return listen(name, new ConnectionCaps("local " + name, ServeLimits.DEFAULT.maxConnectionsPerIdentity(),
                ServeLimits.DEFAULT.maxConnections()));
    }

    /** {@link #listen(String)} with the job's connection caps. */
    public AuthenticatedListener listen(String name, ConnectionCaps caps) throws TransportException {
        Listener l = new Listener(name, Objects.requireNonNull(caps, "caps"));
        if (listeners.putIfAbsent(requireName(name), l) != null) {
            throw new TransportException(Kind.CONFIGURATION, "local listener_name '" + name + "' is used by two jobs");
        }
        return l;
    }

    /** A connecter for {@code listenerName} that presents itself as {@code clientIdentity}. */
    public Connecter connecter(String listenerName, String clientIdentity, Duration dialTimeout) {
        requireName(listenerName);
        ClientIdentity.requireValid(clientIdentity);
        if (dialTimeout.isNegative() || dialTimeout.isZero()) {
            throw new IllegalArgumentException("dial_timeout must be positive: " + dialTimeout);
        }
        return () -> dial(listenerName, clientIdentity, dialTimeout);
    }

    private Wire dial(String name, String identity, Duration timeout) throws IOException {
        Listener l = listeners.get(name);
        if (l == null) {
            throw new TransportException(Kind.DAEMON_NOT_REACHABLE, "no job listens on local listener_name '" + name
                    + "' (is the passive job configured with serve type local and this listener_name?)");
        }
        ConnectionCaps.Permit permit = l.caps.acquire(identity);
        Pipe toServer;
        Pipe toClient;
        try {
            toServer = Pipe.open();
            toClient = Pipe.open();
        } catch (IOException | RuntimeException e) {
            permit.release();
            throw e;
        }
        PipeWire client = new PipeWire(toClient.source(), toServer.sink(), () -> { });
        PipeWire server = new PipeWire(toServer.source(), toClient.sink(), permit::release);
        boolean taken;
        try {
            taken = l.handOff.offer(new AuthenticatedWire(server, identity), timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        if (!taken) {
            client.close();
            server.close();
            throw new TransportException(Kind.DAEMON_NOT_REACHABLE, "local listener '" + name + "' did not accept within "
                    + timeout.toMillis() + " ms (its job is busy or stopped)");
        }
        return client;
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("local listener_name must not be empty");
        }
        return name;
    }

    private final class Listener implements AuthenticatedListener {
        private final String name;
        private final SynchronousQueue<AuthenticatedWire> handOff = new SynchronousQueue<>();
        private final ConnectionCaps caps;
        private volatile boolean closed;

        Listener(String name, ConnectionCaps caps) {
            this.name = Objects.requireNonNull(name);
            this.caps = caps;
        }

        @Override
        public long refusedConnections() {
            return caps.refused();
        }

        @Override
        public AuthenticatedWire accept() throws IOException {
            try {
                while (!closed) {
                    AuthenticatedWire w = handOff.poll(200, TimeUnit.MILLISECONDS);
                    if (w != null) {
                        return w;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting on local listener " + name);
            }
            throw new ClosedChannelException();
        }

        @Override
        public void close() {
            closed = true;
            listeners.remove(name, this);
        }
    }
}
