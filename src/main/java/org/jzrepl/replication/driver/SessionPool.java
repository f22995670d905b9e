package org.jzrepl.replication.driver;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of one attempt: idle ones are handed out again (the planning session goes on to the
 * first step worker), new ones are opened on demand. A session idle for more than
 * {@link #MAX_IDLE_REUSE} is closed instead of reused: a serving side closes connections without a
 * call for its {@code idle_connection_timeout} (at least 2 minutes), and a call on a connection it
 * has just closed would fail the attempt. {@link #closeAll()} closes every session,
 * in use or not, to cancel; after it, {@link #acquire()} fails. Thread-safe.
 */
final class SessionPool {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);
    /** Idle sessions older than this are closed, not reused; below ServeLimits.MIN_IDLE_CONNECTION_TIMEOUT. */
    static final Duration MAX_IDLE_REUSE = Duration.ofMinutes(1);

    private final EndpointConnector connector;
    private final AtomicInteger opened;
    private final Deque<EndpointSession> idle = new ArrayDeque<>();
    private final Set<EndpointSession> all = new HashSet<>();
    private final Map<EndpointSession, Long> idleSince = new HashMap<>();
    private final LongSupplier nanoTime;
    private boolean closed;

    /** @param opened counts every session this pool opens (shared across a run's pools) */
    SessionPool(EndpointConnector connector, AtomicInteger opened) {
        this(connector, opened, System::nanoTime);
    }

    SessionPool(EndpointConnector connector, AtomicInteger opened, LongSupplier nanoTime) {
        this.connector = connector;
        this.opened = opened;
        this.nanoTime = nanoTime;
    }

    /** Adds an already open session (from the reconnect wait) as idle. */
    void offer(EndpointSession session) {
        synchronized (this) {
            if (!closed) {
                all.add(session);
                idle.push(session);
                idleSince.put(session, nanoTime.getAsLong());
                return;
            }
        }
        closeQuietly(session);
    }

    /** An idle session, or a new one; throws {@link CancelledException} once the pool is closed. */
    EndpointSession acquire() throws IOException {
        List<EndpointSession> stale = new ArrayList<>();
        try {
            synchronized (this) {
                checkOpen();
                long now = nanoTime.getAsLong();
                while (!idle.isEmpty()) {
                    EndpointSession s = idle.pop();
                    Long since = idleSince.remove(s);
                    if (since == null || now - since <= MAX_IDLE_REUSE.toNanos()) {
                        return s;
                    }
                    all.remove(s);
                    stale.add(s);
                }
            }
        } finally {
            stale.forEach(SessionPool::closeQuietly);
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
            idleSince.put(session, nanoTime.getAsLong());
        }
    }

    /** The session failed: close it, never hand it out again. */
    void discard(EndpointSession session) {
        synchronized (this) {
            all.remove(session);
            idle.remove(session);
            idleSince.remove(session);
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
            idleSince.clear();
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
