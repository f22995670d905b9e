package org.jzrepl.rpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.testing.runtime.Runners;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Handshake, heartbeats and the idle watchdog over plain pipes (no socket timeouts). */
@Timeout(30)
class ConnectionLivenessTest {
    private final RpcSettings fast = RpcSettings.defaults(Runners.shared())
            .withLiveness(Duration.ofMillis(100), Duration.ofMillis(1500))
            .withHandshakeTimeout(Duration.ofMillis(1000));
    private Peers peers;

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
    }

    @AfterEach
    void stop() throws Exception {
        peers.close();
    }

    @Test
    void handshakeAcceptsPeerExtensions() throws Exception {
        FakePeer server = new FakePeer(peers.toServer.source(), peers.toClient.sink());
        server.send(FakePeer.handshake("jzrepl-rpc version=1 extensions=zstd,foo\n"));
        RpcConnection c = peers.client(fast);
        server.expectHandshake();
        assertTrue(c.isOpen());
        c.abort("done");
    }

    @Test
    void versionMismatchNamesBothVersions() throws Exception {
        ProtocolException e = clientAgainst(FakePeer.handshake("jzrepl-rpc version=2 extensions=\n"));
        assertEquals(ProtocolException.Code.VERSION_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("ours is jzrepl-rpc 1, theirs is jzrepl-rpc 2"), e.getMessage());
    }

    @Test
    void handshakeGarbageIsRefusedShowingWhatCame() throws Exception {
        ProtocolException e = clientAgainst("bash: jzrepl: command not found\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(ProtocolException.Code.BAD_HANDSHAKE, e.code());
        assertTrue(e.getMessage().contains("\"bash: \""), e.getMessage());
    }

    @Test
    void malformedHandshakeTextAndOversizedLengthAreRefused() throws Exception {
        assertEquals(ProtocolException.Code.BAD_HANDSHAKE, clientAgainst(FakePeer.handshake("hello\n")).code());
        stop();
        start();
        assertEquals(ProtocolException.Code.BAD_HANDSHAKE,
                clientAgainst(new byte[] {'J', 'Z', 'R', 'P', (byte) 0xFF, (byte) 0xFF}).code());
    }

    @Test
    void silentPeerFailsHandshakeWithinTimeout() {
        long t0 = System.nanoTime();
        ProtocolException e = assertThrows(ProtocolException.class, () -> peers.client(fast));
        assertEquals(ProtocolException.Code.HANDSHAKE_TIMEOUT, e.code());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void heartbeatsKeepALongCallAlive() throws Exception {
        Future<Void> server = peers.serve(fast, new TestEndpointImpl());
        RpcConnection c = peers.client(fast);
        TestEndpoint client = RpcClient.proxy(TestEndpoint.class, c);
        client.sleep(2500);
        Thread.sleep(2000);
        client.touch();
        c.close();
        server.get(5, TimeUnit.SECONDS);
    }

    @Test
    void clientWaitingOnSilentServerGetsIdleTimeout() throws Exception {
        FakePeer server = new FakePeer(peers.toServer.source(), peers.toClient.sink());
        server.send(FakePeer.HANDSHAKE);
        RpcConnection c = peers.client(fast);
        TestEndpoint client = RpcClient.proxy(TestEndpoint.class, c);
        ProtocolException e = assertThrows(ProtocolException.class, client::touch);
        assertEquals(ProtocolException.Code.IDLE_TIMEOUT, e.code());
        assertTrue(e.code().transientFailure());
        assertEquals(ProtocolException.Code.IDLE_TIMEOUT, c.failure().code());
    }

    @Test
    void serverFacingSilentClientGetsIdleTimeout() throws Exception {
        Future<Void> server = peers.serve(fast, new TestEndpointImpl());
        FakePeer client = new FakePeer(peers.toClient.source(), peers.toServer.sink());
        client.send(FakePeer.HANDSHAKE).expectHandshake();
        ExecutionException e = assertThrows(ExecutionException.class, () -> server.get(10, TimeUnit.SECONDS));
        assertEquals(ProtocolException.Code.IDLE_TIMEOUT, assertInstanceOf(ProtocolException.class, e.getCause()).code());
    }

    @Test
    void peerThatStopsReadingFailsTheBlockedWrite() throws Exception {
        FakePeer server = new FakePeer(peers.toServer.source(), peers.toClient.sink());
        server.send(FakePeer.HANDSHAKE);
        RpcConnection c = peers.client(fast);
        TestEndpoint client = RpcClient.proxy(TestEndpoint.class, c);
        CompletableFuture<Long> upload = peers.async(() -> client.count(TestEndpointImpl.pattern(1L << 30, -1)));
        ExecutionException e = assertThrows(ExecutionException.class, () -> upload.get(10, TimeUnit.SECONDS));
        assertEquals(ProtocolException.Code.IDLE_TIMEOUT, assertInstanceOf(ProtocolException.class, e.getCause()).code());
    }

    @Test
    void clientThatNeverClosesAfterCloseAckIsCutOffAfterCloseTimeout() throws Exception {
        Future<Void> server = peers.serve(fast.withCloseTimeout(Duration.ofMillis(200)), new TestEndpointImpl());
        FakePeer client = new FakePeer(peers.toClient.source(), peers.toServer.sink());
        client.send(FakePeer.HANDSHAKE).expectHandshake();
        client.send(org.jzrepl.rpc.frame.Bytes.empty(0x20));
        client.expectAfterHeartbeats(org.jzrepl.rpc.frame.FrameType.CLOSE_ACK, "");
        server.get(5, TimeUnit.SECONDS);
    }

    private ProtocolException clientAgainst(byte[] handshake) throws Exception {
        FakePeer server = new FakePeer(peers.toServer.source(), peers.toClient.sink());
        server.send(handshake);
        return assertThrows(ProtocolException.class, () -> peers.client(fast));
    }
}
