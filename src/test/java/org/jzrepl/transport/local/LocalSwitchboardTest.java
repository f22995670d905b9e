package org.jzrepl.transport.local;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.sshd.RawTestDaemon;
import org.jzrepl.testing.sshd.TestStreams;
import org.jzrepl.transport.AuthenticatedListener;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.Connecter;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.Wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalSwitchboardTest {
    private final LocalSwitchboard board = new LocalSwitchboard();

    @Test
    void connectsAnActiveJobToAPassiveOneWithTheClientIdentity() throws Exception {
        try (AuthenticatedListener l = board.listen("sink1")) {
            Connecter c = board.connecter("sink1", "laptop", Duration.ofSeconds(2));
            CompletableFuture<AuthenticatedWire> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return l.accept();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (Wire client = c.connect(); Wire server = accepted.get(5, TimeUnit.SECONDS).wire()) {
                assertEquals("laptop", accepted.get().clientIdentity());
                client.out().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                client.closeWrite();
                ByteBuffer got = ByteBuffer.allocate(8);
                while (server.in().read(got) >= 0) {
                    // to EOF
                }
                assertEquals(3, got.position(), "bytes then EOF arrive at the server");
            }
        }
    }

    @Test
    void streamsBulkDataBothWays() throws Exception {
        try (RawTestDaemon daemon = new RawTestDaemon(board.listen("sink2"))) {
            Wire w = board.connecter("sink2", "c", Duration.ofSeconds(2)).connect();
            w.out().write(ByteBuffer.wrap(new byte[] {'D'}));
            w.out().write(ByteBuffer.allocate(8).putLong(256L << 20).flip());
            TestStreams.Digest got = TestStreams.drain(w.in());
            assertEquals(TestStreams.expected(256L << 20, RawTestDaemon.DOWNLOAD_SEED), got);
            w.close();
        }
    }

    @Test
    void theRpcRunsUnchangedOverLocalWires() throws Exception {
        try (org.jzrepl.testing.sshd.RpcTestDaemon daemon = new org.jzrepl.testing.sshd.RpcTestDaemon(board.listen("sink3"));
                org.jzrepl.rpc.RpcConnection conn = org.jzrepl.rpc.RpcConnection.open(
                        board.connecter("sink3", "laptop", Duration.ofSeconds(2)).connect(), org.jzrepl.rpc.RpcSettings.defaults(Runners.shared()))) {
            org.jzrepl.testing.sshd.WireTestEndpoint ep = org.jzrepl.rpc.RpcClient.proxy(org.jzrepl.testing.sshd.WireTestEndpoint.class, conn);
            assertEquals("laptop", ep.ping(new org.jzrepl.testing.sshd.WireTestEndpoint.Ping("hi")).clientIdentity());
            try (java.io.InputStream in = ep.download(new org.jzrepl.testing.sshd.WireTestEndpoint.Size(64L << 20, 3))) {
                assertEquals(TestStreams.expected(64L << 20, 3), TestStreams.drain(in));
            }
        }
    }

    @Test
    void dialingAnUnknownNameOrAnIdleListenerFailsClearly() throws Exception {
        TransportException none = assertThrows(TransportException.class,
                () -> board.connecter("nobody", "c", Duration.ofMillis(100)).connect());
        assertTrue(none.getMessage().contains("no job listens on local listener_name 'nobody'"), none.getMessage());
        try (AuthenticatedListener idle = board.listen("idle")) {
            long start = System.nanoTime();
            TransportException busy = assertThrows(TransportException.class,
                    () -> board.connecter("idle", "c", Duration.ofMillis(300)).connect());
            assertTrue(busy.getMessage().contains("did not accept within 300 ms"), busy.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
        }
    }

    @Test
    void aDialOverTheCapFailsNamingItAndAClosedServerWireFreesItsPlace() throws Exception {
        try (AuthenticatedListener l = board.listen("capped", new org.jzrepl.transport.ConnectionCaps("sink", 1, 4))) {
            CompletableFuture<AuthenticatedWire> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return l.accept();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Connecter c = board.connecter("capped", "laptop", Duration.ofSeconds(2));
            Wire first = c.connect();
            Wire server = accepted.get(5, TimeUnit.SECONDS).wire();
            TransportException over = assertThrows(TransportException.class, c::connect);
            assertEquals(TransportException.Kind.OVER_CAPACITY, over.kind());
            assertTrue(over.getMessage().contains("its cap (serve.max_connections_per_identity: 1)"), over.getMessage());
            assertEquals(1, l.refusedConnections());

            server.close();
            first.close();
            CompletableFuture<AuthenticatedWire> again = CompletableFuture.supplyAsync(() -> {
                try {
                    return l.accept();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (Wire next = c.connect()) {
                assertEquals("laptop", again.get(5, TimeUnit.SECONDS).clientIdentity());
                again.get().wire().close();
            }
        }
    }

    @Test
    void aNameServesOneListenerAndIsFreedOnClose() throws Exception {
        AuthenticatedListener l = board.listen("x");
        assertThrows(TransportException.class, () -> board.listen("x"));
        l.close();
        assertThrows(ClosedChannelException.class, l::accept);
        board.listen("x").close();
    }
}
