package org.jzrepl.replication.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.ServeLimits;

/**
 * Idle sessions are reused only while younger than {@link SessionPool#MAX_IDLE_REUSE}, which stays
 * below the shortest idle time a serving side may close connections after.
 */
class SessionPoolIdleTest {
    private final AtomicLong now = new AtomicLong();
    private final List<Session> opened = new ArrayList<>();
    private final SessionPool pool = new SessionPool(() -> {
        Session s = new Session();
        opened.add(s);
        return s;
    }, new AtomicInteger(), now::get);

    @Test
    void reusesARecentlyReleasedSession() throws IOException {
        EndpointSession a = pool.acquire();
        pool.release(a);
        now.addAndGet(TimeUnit.SECONDS.toNanos(59));
        assertSame(a, pool.acquire());
        assertEquals(1, opened.size());
    }

    @Test
    void closesASessionIdleTooLongInsteadOfReusingIt() throws IOException {
        EndpointSession a = pool.acquire();
        pool.release(a);
        now.addAndGet(SessionPool.MAX_IDLE_REUSE.toNanos() + 1);
        EndpointSession b = pool.acquire();
        assertNotSame(a, b);
        assertTrue(((Session) a).closed, "the stale session is closed");
        assertEquals(2, opened.size());
    }

    @Test
    void theClientsReuseLimitStaysBelowTheShortestServerIdleTime() {
        assertTrue(SessionPool.MAX_IDLE_REUSE.compareTo(ServeLimits.MIN_IDLE_CONNECTION_TIMEOUT) < 0);
    }

    private static final class Session implements EndpointSession {
        boolean closed;

        @Override
        public org.jzrepl.endpoint.Sender sender() {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.jzrepl.endpoint.Receiver receiver() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
