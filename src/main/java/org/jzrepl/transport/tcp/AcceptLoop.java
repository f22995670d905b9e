package org.jzrepl.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.TransportException;
import org.jzrepl.util.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts TCP connections on one server socket and runs each one's {@link Handover} on a task of
 * its own, so that a slow or silent peer delays nobody else. At most {@code maxPending}
 * connections may be in their handover at once; one more is closed at once, unread (an
 * unauthenticated peer costs at most a socket and a task for the handshake timeout). Refusals are
 * logged at most once per {@value #LOG_WINDOW_SECONDS} s (then how many more there were), with the
 * peer's text escaped. Ends when the server socket is closed. Tasks run on the daemon's
 * {@link TaskRunner}.
 */
final class AcceptLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptLoop.class);
    static final long LOG_WINDOW_SECONDS = 60;

    private final String name;
    private final ServerSocketChannel server;
    private final Handover handover;
    private final Consumer<AuthenticatedWire> deliver;
    private final TaskRunner runner;
    private final Semaphore pending;
    private final AtomicLong refused = new AtomicLong();
    private volatile String lastRefusal;
    private final Object logLock = new Object();
    private long lastLog;
    private boolean logged;
    private long suppressed;

    /**
     * @param name    for task names and log lines, e.g. {@code job sink1 tcp :8888}
     * @param deliver receives each authenticated wire (and owns it)
     */
    AcceptLoop(String name, ServerSocketChannel server, Handover handover, Consumer<AuthenticatedWire> deliver,
               TaskRunner runner, int maxPending) {
        this.name = name;
        this.server = server;
        this.handover = handover;
        this.deliver = deliver;
        this.runner = runner;
        this.pending = new Semaphore(maxPending);
    }

    /** Why the last connection was refused (escaped), null before the first refusal. */
    String lastRefusal() {
        return lastRefusal;
    }

    /** Connections refused so far (handover failures and over the pending bound). */
    long refused() {
        return refused.get();
    }

    @Override
    public void run() {
        while (server.isOpen()) {
            SocketChannel s;
            try {
                s = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
                LOG.warn("{}: accept failed: {}", name, e.getMessage());
                pause();
                continue;
            }
            if (!pending.tryAcquire()) {
                refuse(s, "too many connections in their handshake at once; closed unread");
                continue;
            }
            runner.execute(name + " handover", () -> handOver(s));
        }
    }

    private void handOver(SocketChannel s) {
        String peer = peer(s);
        try {
            s.setOption(StandardSocketOptions.TCP_NODELAY, true);
            s.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            AuthenticatedWire w = handover.authenticate(s);
            deliver.accept(w);
        } catch (TransportException e) {
            if (e.kind() == TransportException.Kind.OVER_CAPACITY) {
                refused.incrementAndGet();   // ConnectionCaps has logged it, in its own window
                lastRefusal = LogText.escape(e.getMessage());
                Dialer.closeQuietly(s);
            } else {
                refuse(s, "connection from " + peer + ": " + e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            refuse(s, "connection from " + peer + ": " + e.getMessage());
        } finally {
            pending.release();
        }
    }

    private void refuse(SocketChannel s, String why) {
        refused.incrementAndGet();
        lastRefusal = LogText.escape(why);
        Dialer.closeQuietly(s);
        synchronized (logLock) {
            long now = System.nanoTime();
            if (logged && now - lastLog < TimeUnit.SECONDS.toNanos(LOG_WINDOW_SECONDS)) {
                suppressed++;
                return;
            }
            String more = suppressed == 0 ? "" : " (and " + suppressed + " more refused since the last such line)";
            logged = true;
            lastLog = now;
            suppressed = 0;
            LOG.warn("{}: refused {}{}", name, LogText.escape(why), more);
        }
    }

    private static String peer(SocketChannel s) {
        try {
            return s.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() + ":" + a.getPort()
                    : String.valueOf(s.getRemoteAddress());
        } catch (IOException e) {
            return "an unknown peer";
        }
    }

    /** After an accept error (e.g. out of file descriptors): do not spin. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
