package org.jzrepl.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.rpc.TestEndpoint.Echo;
import org.jzrepl.rpc.TestEndpoint.Failure;
import org.jzrepl.rpc.TestEndpoint.Info;
import org.jzrepl.rpc.TestEndpoint.Ping;
import org.jzrepl.rpc.TestEndpoint.Size;
import org.jzrepl.rpc.TestEndpoint.Summary;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.rpc.message.RpcRemoteException;
import org.jzrepl.rpc.stream.StreamException;
import org.jzrepl.testing.runtime.Runners;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real client proxy calling a real server over two pipes. */
@Timeout(30)
class RpcCallTest {
    private Peers peers;
    private TestEndpointImpl impl;
    private Future<Void> server;
    private RpcConnection conn;
    private TestEndpoint client;

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
        impl = new TestEndpointImpl();
        server = peers.serve(RpcSettings.defaults(Runners.shared()), impl);
        conn = peers.client(RpcSettings.defaults(Runners.shared()));
        client = RpcClient.proxy(TestEndpoint.class, conn);
    }

    @AfterEach
    void stop() throws Exception {
        conn.abort("test over");
        peers.close();
    }

    @Test
    void jsonCallReturnsTypedRecord() throws Exception {
        assertEquals(new Echo("hello", 5), client.ping(new Ping("hello")));
        assertEquals(new Echo("ünïcode", 7), client.ping(new Ping("ünïcode")));
    }

    @Test
    void voidCallWithoutArguments() throws Exception {
        client.touch();
        assertEquals(1, impl.calls.get());
    }

    @Test
    void downloadStreamDeliversEveryByte() throws Exception {
        long n = 5_000_003;
        try (InputStream in = client.download(new Size(n, -1))) {
            assertPattern(in, n);
        }
        assertEquals(new Echo("after", 5), client.ping(new Ping("after")), "connection usable after stream");
    }

    @Test
    void streamedResultCarriesValueAndStream() throws Exception {
        try (Streamed<Info> s = client.send(new Size(100_000, -1))) {
            assertEquals(new Info("send", 100_000), s.value());
            assertPattern(s.stream(), 100_000);
        }
    }

    @Test
    void producerDyingMidStreamIsAStreamErrorNotAConnectionError() throws Exception {
        InputStream in = client.download(new Size(1_000_000, 300_000));
        StreamException e = assertThrows(StreamException.class, () -> in.transferTo(java.io.OutputStream.nullOutputStream()));
        assertEquals("producer died at byte 300000", e.reason());
        assertEquals(new Echo("still", 5), client.ping(new Ping("still")));
        assertTrue(conn.isOpen());
    }

    @Test
    void uploadStreamWithJsonRequest() throws Exception {
        Summary s = client.upload(new Info("up", 0), TestEndpointImpl.pattern(3_000_000, -1));
        assertEquals("up", s.name());
        assertEquals(3_000_000, s.bytes());
        assertEquals(client.upload(new Info("again", 0), TestEndpointImpl.pattern(3_000_000, -1)).checksum(), s.checksum());
    }

    @Test
    void clientProducerFailureReachesCallerAndServerSeesStreamError() throws Exception {
        IOException e = assertThrows(IOException.class, () -> client.count(TestEndpointImpl.pattern(1_000_000, 10_000)));
        assertEquals("producer died at byte 10000", e.getMessage());
        assertEquals(new Echo("ok", 2), client.ping(new Ping("ok")));
    }

    @Test
    void serverExceptionsArriveTypedWithCode() throws Exception {
        TestEndpoint.NotFoundException nf = assertThrows(TestEndpoint.NotFoundException.class,
                () -> client.fail(new Failure("notfound", "pool/x does not exist")));
        assertEquals("test.not_found", nf.code());
        assertEquals("pool/x does not exist", nf.getMessage());
        TestEndpoint.BusyException busy = assertThrows(TestEndpoint.BusyException.class,
                () -> client.fail(new Failure("busy", "dataset is busy")));
        assertEquals("test.busy", busy.code());
        RpcRemoteException plain = assertThrows(RpcRemoteException.class, () -> client.fail(new Failure("plain", "m")));
        assertEquals("test.plain", plain.code());
        RpcRemoteException internal = assertThrows(RpcRemoteException.class, () -> client.fail(new Failure("bug", "boom")));
        assertEquals(RpcRemoteException.INTERNAL, internal.code());
        assertTrue(internal.getMessage().contains("IllegalStateException: boom"), internal.getMessage());
        assertEquals(new Echo("x", 1), client.ping(new Ping("x")));
    }

    @Test
    void concurrentCallsOnOneConnectionAreSerialised() throws Exception {
        List<CompletableFuture<Echo>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String m = "m" + i;
            futures.add(peers.async(() -> {
                Echo last = null;
                for (int k = 0; k < 50; k++) {
                    last = client.ping(new Ping(m));
                }
                return last;
            }));
        }
        for (int i = 0; i < 8; i++) {
            assertEquals(new Echo("m" + i, 2), futures.get(i).get(20, TimeUnit.SECONDS));
        }
        assertEquals(1, impl.maxInFlight);
    }

    @Test
    void secondCallWhileOwnResponseStreamIsOpenFailsClearly() throws Exception {
        InputStream in = client.download(new Size(10_000_000, -1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> client.ping(new Ping("x")));
        assertTrue(e.getMessage().contains("download"), e.getMessage());
        in.close();
        assertEquals(new Echo("x", 1), client.ping(new Ping("x")));
    }

    @Test
    void otherThreadWaitsForOpenStreamThenProceeds() throws Exception {
        InputStream in = client.download(new Size(1_000_000, -1));
        CompletableFuture<Echo> waiting = peers.async(() -> client.ping(new Ping("later")));
        Thread.sleep(200);
        assertFalse(waiting.isDone());
        assertPattern(in, 1_000_000);
        assertEquals(new Echo("later", 5), waiting.get(10, TimeUnit.SECONDS));
    }

    @Test
    void orderlyCloseEndsServeNormally() throws Exception {
        client.touch();
        conn.close();
        assertNull(server.get(10, TimeUnit.SECONDS));
        assertFalse(conn.isOpen());
        assertNull(conn.failure());
        ProtocolException e = assertThrows(ProtocolException.class, () -> client.touch());
        assertEquals(ProtocolException.Code.CLOSED, e.code());
    }

    @Test
    void abortSendsResetWithReasonToServer() throws Exception {
        client.touch();
        conn.abort("operator cancelled");
        var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> server.get(10, TimeUnit.SECONDS));
        ProtocolException pe = assertInstanceOf(ProtocolException.class, e.getCause());
        assertEquals(ProtocolException.Code.PEER_RESET, pe.code());
        assertTrue(pe.getMessage().contains("operator cancelled"), pe.getMessage());
    }

    @Test
    void endpointInterfaceMustDeclareIOException() {
        interface Bad {
            String name();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RpcClient.proxy(Bad.class, conn));
        assertTrue(e.getMessage().contains("throws IOException"), e.getMessage());
    }

    static void assertPattern(InputStream in, long n) throws IOException {
        byte[] buf = new byte[65536];
        long pos = 0;
        int r;
        while ((r = in.read(buf)) >= 0) {
            for (int i = 0; i < r; i++) {
                if (buf[i] != (byte) (pos + i)) {
                    throw new AssertionError("byte " + (pos + i) + " differs");
                }
            }
            pos += r;
        }
        assertEquals(n, pos);
    }
}
