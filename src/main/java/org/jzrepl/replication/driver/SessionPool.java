package org.jzrepl.replication.driver;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of one attempt: idle ones are handed out again (the planning session goes on to the
 * first step worker), new ones are opened on demand. {@link #closeAll()} closes every session,
 * in use or not, to cancel; after it, {@link #acquire()} fails. Thread-safe.
 */
final class SessionPool {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);

    private final EndpointConnector connector;
    private final AtomicInteger opened;
    private final Deque<EndpointSession> idle = new ArrayDeque<>();
    private final Set<EndpointSession> all = new HashSet<>();
    private boolean closed;

    /** @param opened counts every session this pool opens (shared across a run's pools) */
    SessionPool(EndpointConnector connector, AtomicInteger opened) {
        this.connector = connector;
        this.opened = opened;
    }

    /** Adds an already open session (from the reconnect wait) as idle. */
    void offer(EndpointSession session) {
        synchronized (this) {
            if (!closed) {
                all.add(session);
                idle.push(session);
                return;
            }
        }
        closeQuietly(session);
    }

    /** An idle session, or a new one; throws {@link CancelledException} once the pool is closed. */
    EndpointSession acquire() throws IOException {
        synchronized (this) {
            checkOpen();
            if (!idle.isEmpty()) {
                return idle.pop();
            }
        }
        EndpointSession s = connector.open();
        opened.incrementAndGet();
        synchronized (this) {
            if (!closed) {
                all.add(s);
                return s;
            }
        }
        closeQuietly(s);
        throw new CancelledException();
    }

    /** The session is fine and may be used again. */
    synchronized void release(EndpointSession session) {
        if (!closed && all.contains(session)) {
            idle.push(session);
        }
    }

    /** The session failed: close it, never hand it out again. */
    void discard(EndpointSession session) {
        synchronized (this) {
            all.remove(session);
            idle.remove(session);
        }
        closeQuietly(session);
    }

    /** Closes every session, including those in use (their calls fail promptly). */
    void closeAll() {
        Set<EndpointSession> toClose;
        synchronized (this) {
            closed = true;
            toClose = new HashSet<>(all);
            all.clear();
            idle.clear();
        }
        toClose.forEach(SessionPool::closeQuietly);
    }

    private void checkOpen() throws CancelledException {
        if (closed) {
            throw new CancelledException();
        }
    }

    static void closeQuietly(EndpointSession s) {
        try {
            s.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing a replication session failed", e);
        }
    }

    /** The attempt was cancelled (or ended) while a session was wanted. */
    static final class CancelledException extends IOException {
        CancelledException() {
            super("replication cancelled");
        }
    }
}
