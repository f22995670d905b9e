package org.jzrepl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.jzrepl.testing.StderrCapture;

class ConnectionCapsTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final ConnectionCaps caps = new ConnectionCaps("src", 2, 3, now::get);

    @Test
    void countsPerIdentityAndInAllAndNamesTheCapReached() throws Exception {
        ConnectionCaps.Permit a1 = caps.acquire("a");
        caps.acquire("a");
        TransportException perIdentity = assertThrows(TransportException.class, () -> caps.acquire("a"));
        assertEquals(TransportException.Kind.OVER_CAPACITY, perIdentity.kind());
        assertEquals("job src already serves 2 connections of client identity a, its cap"
                + " (serve.max_connections_per_identity: 2)", perIdentity.getMessage());

        caps.acquire("b");
        TransportException total = assertThrows(TransportException.class, () -> caps.acquire("c"));
        assertEquals("job src already serves 3 connections, its cap (serve.max_connections: 3)", total.getMessage());
        assertEquals(2, caps.refused());

        a1.release();
        a1.release();
        assertEquals(1, caps.open("a"), "releasing twice counts once");
        assertEquals(2, caps.open());
        caps.acquire("c");
        assertEquals(3, caps.open());
    }

    @Test
    void aFloodOfRefusalsIsLoggedOncePerWindowWithTheCount() throws Exception {
        caps.acquire("a");
        caps.acquire("a");
        String firstWindow;
        String secondWindow;
        try (StderrCapture log = new StderrCapture()) {
            for (int i = 0; i < 1000; i++) {
                assertThrows(TransportException.class, () -> caps.acquire("a"));
                now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
            }
            firstWindow = log.text();
            now.addAndGet(TimeUnit.SECONDS.toNanos(ConnectionCaps.LOG_WINDOW_SECONDS));
            assertThrows(TransportException.class, () -> caps.acquire("a"));
            secondWindow = log.text().substring(firstWindow.length());
        }
        assertEquals(1, firstWindow.lines().filter(l -> l.contains("refused a connection")).count(), firstWindow);
        assertEquals(1, secondWindow.lines().filter(l -> l.contains("refused a connection")).count(), secondWindow);
        assertTrue(secondWindow.contains("(and 999 more refused in the 70s before)"), secondWindow);
        assertEquals(1001, caps.refused());
    }

    @Test
    void capsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionCaps("j", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionCaps("j", 1, 0));
    }
}
