package org.jzrepl.transport.stdinserver;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jzrepl.config.ServeLimits;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.transport.AuthenticatedListener;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.ConnectionCaps;
import org.jzrepl.transport.ClientIdentity;
import org.jzrepl.transport.TransportException;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon side of the stdinserver transport: one unix socket per client identity in a private
 * sockdir; the identity of a connection is the name of the socket it came in on.
 *
 * <p>Tasks, on the daemon's {@link TaskRunner}: one acceptor per identity; each connection's
 * hand-over ({@link StdinserverHandOver}: peer check, fds, banners) runs as a task of its own, so
 * a stuck client delays nobody else; the BEGIN deadline is a scheduled task. Finished wires
 * queue up for {@link #accept()}. {@link #close()} stops the acceptors, removes the sockets and
 * closes wires that nobody accepted.
 *
 * <p>Connection caps ({@link ConnectionCaps}): a connection counts from the hand-over until its
 * wire is closed; one over a cap is refused before the hand-over completes, with REFUSE and the
 * cap in the reason, which the forced command passes to the dialing side in its ERROR banner.
 */
public final class StdinserverListener implements AuthenticatedListener {
    private static final Logger LOG = LoggerFactory.getLogger(StdinserverListener.class);
    private static final Object CLOSED = new Object();

    private final ConnectionCaps caps;
    private final StdinserverHandOver handOver;
    private final List<AFUNIXServerSocket> servers = new ArrayList<>();
    private final BlockingQueue<Object> ready = new LinkedBlockingQueue<>();
    private final TaskRunner runner;
    private volatile boolean closed;

    private StdinserverListener(int daemonUid, ConnectionCaps caps, TaskRunner runner) {
        this.caps = caps;
        this.runner = runner;
        this.handOver = new StdinserverHandOver(daemonUid, caps, runner, this::deliver);
    }

    /**
     * Checks the sockdir and listens on {@code sockdir/IDENTITY} for each identity.
     *
     * @throws TransportException CONFIGURATION saying what to fix (sockdir missing or not
     *     private, a non-socket file in the way, another daemon listening, bad identity)
     */
    public static StdinserverListener open(Path sockdir, Collection<String> identities, TaskRunner runner)
            throws IOException {
        return open(sockdir, identities, new ConnectionCaps("stdinserver", ServeLimits.DEFAULT.maxConnectionsPerIdentity(),
                ServeLimits.DEFAULT.maxConnections()), runner);
    }

    /** {@link #open(Path, Collection, TaskRunner)} with the job's connection caps. */
    public static StdinserverListener open(Path sockdir, Collection<String> identities, ConnectionCaps caps,
                                           TaskRunner runner) throws IOException {
        if (identities.isEmpty()) {
            throw new TransportException(TransportException.Kind.CONFIGURATION, "stdinserver: no client identities configured");
        }
        for (String id : identities) {
            ClientIdentity.requireValid(id);
        }
        int uid = Sockdir.ownUid();
        Sockdir.requirePrivate(sockdir, uid);
        StdinserverListener listener = new StdinserverListener(uid, java.util.Objects.requireNonNull(caps, "caps"),
                java.util.Objects.requireNonNull(runner, "runner"));
        try {
            for (String id : new LinkedHashSet<>(identities)) {
                listener.listen(sockdir.resolve(id), id);
            }
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        return listener;
    }

    private void listen(Path socket, String identity) throws IOException {
        Sockdir.clearForBind(socket);
        AFUNIXServerSocket server = AFUNIXServerSocket.newInstance();
        server.setDeleteOnClose(true);
        server.bind(AFUNIXSocketAddress.of(socket));
        servers.add(server);
        runner.execute("stdinserver accept " + identity, () -> acceptLoop(server, identity));
    }

    private void acceptLoop(AFUNIXServerSocket server, String identity) {
        while (!closed) {
            AFUNIXSocket conn;
            try {
                conn = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("stdinserver: accept on socket for identity {} failed, no longer listening: {}", identity, e.toString());
                }
                return;
            }
            runner.execute("stdinserver hand-over " + identity, () -> handOver.handOver(conn, identity));
        }
    }

    /** Queues a handed-over wire for {@link #accept()}; closes it again if the listener closed meanwhile. */
    private void deliver(AuthenticatedWire wire) {
        ready.add(wire);
        if (closed) {
            drain();
        }
    }

    @Override
    public long refusedConnections() {
        return caps.refused();
    }

    @Override
    public AuthenticatedWire accept() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        try {
            Object next = ready.take();
            if (next == CLOSED) {
                ready.add(CLOSED);
                throw new ClosedChannelException();
            }
            return (AuthenticatedWire) next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a stdinserver connection");
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        for (AFUNIXServerSocket s : servers) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.warn("stdinserver: closing {} failed: {}", s, e.toString());
            }
        }
        drain();
        ready.add(CLOSED);
    }

    private void drain() {
        Object o;
        while ((o = ready.poll()) != null) {
            if (o instanceof AuthenticatedWire aw) {
                StdinserverHandOver.closeQuietly((HandedOverWire) aw.wire(), null);
            } else {
                ready.add(o);
                return;
            }
        }
    }
}
