package org.jzrepl.rpc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.testing.runtime.Runners;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server closes a connection that had no call for its call idle timeout, with CLOSE, even
 * while the client's heartbeats keep it alive; calls in time keep it open; the client's next call
 * fails saying the call did not run, and the endpoint never sees it.
 */
@Timeout(30)
class CallIdleCloseTest {
    private final RpcSettings client = RpcSettings.defaults(Runners.shared()).withLiveness(Duration.ofMillis(50), Duration.ofMillis(1500));
    private final RpcSettings server = client.withCallIdleTimeout(Duration.ofMillis(600)).withCloseTimeout(Duration.ofSeconds(3));
    private final TestEndpointImpl impl = new TestEndpointImpl();
    private Peers peers;

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
    }

    @AfterEach
    void stop() throws Exception {
        peers.close();
    }

    private CompletableFuture<RpcServer.Ending> serve() {
        return peers.async(() -> {
            RpcConnection c = RpcConnection.open(peers.toServer.source(), peers.toClient.sink(), null, server);
            return RpcServer.serve(c, TestEndpoint.class, impl);
        });
    }

    @Test
    void aConnectionKeptAliveOnlyByHeartbeatsIsClosedAndItsNextCallDidNotRun() throws Exception {
        CompletableFuture<RpcServer.Ending> served = serve();
        RpcConnection conn = peers.client(client);
        TestEndpoint ep = RpcClient.proxy(TestEndpoint.class, conn);
        ep.touch();
        assertEquals(1, impl.calls.get());

        Thread.sleep(1_200);     // the client's heartbeats (every 50 ms) do not count as calls

        ProtocolException e = assertThrows(ProtocolException.class, ep::touch);
        assertEquals(ProtocolException.Code.PEER_CLOSED, e.code(), e.getMessage());
        assertTrue(e.code().transientFailure());
        assertTrue(e.getMessage().contains("the call did not run"), e.getMessage());
        assertEquals(1, impl.calls.get(), "the endpoint never saw the late call");
        assertFalse(conn.isOpen());
        assertEquals(RpcServer.Ending.IDLE_CLOSED, served.get(10, TimeUnit.SECONDS));
    }

    @Test
    void callsInTimeKeepTheConnectionOpenAndItsClockStartsAfterEachCall() throws Exception {
        CompletableFuture<RpcServer.Ending> served = serve();
        RpcConnection conn = peers.client(client);
        TestEndpoint ep = RpcClient.proxy(TestEndpoint.class, conn);
        ep.sleep(900);                      // a call longer than the idle time is not idle
        for (int i = 0; i < 8; i++) {
            ep.touch();
            Thread.sleep(200);
        }
        assertFalse(served.isDone(), "2.5 s of calls, never 600 ms without one");
        conn.close();
        assertEquals(RpcServer.Ending.CLIENT_CLOSED, served.get(10, TimeUnit.SECONDS));
    }

    @Test
    void clientClosingAfterTheServersCloseEndsQuietly() throws Exception {
        CompletableFuture<RpcServer.Ending> served = serve();
        RpcConnection conn = peers.client(client);
        Thread.sleep(1_200);
        conn.close();
        assertFalse(conn.isOpen());
        assertEquals(RpcServer.Ending.IDLE_CLOSED, served.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aClientThatNeverAnswersIsCutOffAfterTheCloseTimeout() throws Exception {
        CompletableFuture<RpcServer.Ending> served = serve();
        peers.client(client);
        long t0 = System.nanoTime();
        assertEquals(RpcServer.Ending.IDLE_CLOSED, served.get(15, TimeUnit.SECONDS));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(waited >= 3_000 && waited < 10_000, "idle time plus close timeout: " + waited + " ms");
    }
}
