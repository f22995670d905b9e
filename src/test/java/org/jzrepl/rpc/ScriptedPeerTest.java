package org.jzrepl.rpc;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.rpc.frame.Bytes;
import org.jzrepl.rpc.frame.FrameType;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.rpc.message.RpcRemoteException;
import org.jzrepl.rpc.stream.StreamException;
import org.jzrepl.testing.runtime.Runners;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scripted fake peers drive a real server and a real client through whole conversations. */
@Timeout(30)
class ScriptedPeerTest {
    private final RpcSettings fast = RpcSettings.defaults(Runners.shared()).withLiveness(Duration.ofMillis(100), Duration.ofMillis(1500));
    private Peers peers;

    @AfterEach
    void stop() throws Exception {
        peers.close();
    }

    @Test
    void clientPeerDrivesServerThroughCallsStreamsErrorsHeartbeatsAndClose() throws Exception {
        peers = new Peers();
        Future<Void> server = peers.serve(fast, new TestEndpointImpl());
        FakePeer client = new FakePeer(peers.toClient.source(), peers.toServer.sink());
        client.send(FakePeer.HANDSHAKE).expectHandshake();

        client.send(FakePeer.header("{\"endpoint\":\"ping\",\"body\":\"JSON\"}"), FakePeer.jsonPart("{\"message\":\"hi\"}"));
        client.expectHeader("{\"status\":\"OK\",\"body\":\"JSON\"}");
        assertEquals("{\"echo\":\"hi\",\"length\":2}", client.expect(FrameType.DATA));
        client.expect(FrameType.END);

        client.send(Bytes.empty(0x10), Bytes.empty(0x10));
        client.send(FakePeer.header("{\"endpoint\":\"download\",\"body\":\"JSON\"}"),
                FakePeer.jsonPart("{\"bytes\":5,\"failAfter\":3}"));
        client.expectHeader("{\"status\":\"OK\",\"body\":\"STREAM\"}");
        assertEquals("\0\1\2", client.expect(FrameType.DATA));
        assertEquals("producer died at byte 3", client.expect(FrameType.ERROR_TRAILER));
        client.expect(FrameType.END);

        client.send(FakePeer.header("{\"endpoint\":\"count\",\"body\":\"STREAM\"}"),
                Bytes.frame(0x02, "abc"), Bytes.frame(0x02, "de"), Bytes.empty(0x03));
        client.expectHeader("{\"status\":\"OK\",\"body\":\"JSON\"}");
        assertEquals("5", client.expect(FrameType.DATA));
        client.expect(FrameType.END);

        client.send(FakePeer.header("{\"endpoint\":\"count\",\"body\":\"STREAM\"}"),
                Bytes.frame(0x02, "abc"), Bytes.frame(0x04, "zfs send died"), Bytes.empty(0x03));
        client.expectHeader("{\"status\":\"ERROR\",\"body\":\"NONE\",\"errorCode\":\"rpc.request_stream_failed\","
                + "\"message\":\"zfs send died\"}");

        client.send(FakePeer.header("{\"endpoint\":\"fail\",\"body\":\"JSON\"}"),
                FakePeer.jsonPart("{\"code\":\"notfound\",\"message\":\"gone\"}"));
        client.expectHeader("{\"status\":\"ERROR\",\"body\":\"NONE\",\"errorCode\":\"test.not_found\","
                + "\"errorType\":\"NotFoundException\",\"message\":\"gone\"}");

        client.send(FakePeer.header("{\"endpoint\":\"sleep\",\"body\":\"JSON\"}"), FakePeer.jsonPart("500"));
        int beats = client.expectAfterHeartbeats(FrameType.HEADER, "{\"status\":\"OK\",\"body\":\"NONE\"}");
        assertTrue(beats >= 2, "server heartbeats while it works, got " + beats);

        client.send(Bytes.empty(0x20));
        client.expect(FrameType.CLOSE_ACK);
        peers.toServer.sink().close();
        assertNull(server.get(10, TimeUnit.SECONDS));
    }

    @Test
    void serverPeerDrivesClientThroughCallsStreamsErrorsAndClose() throws Exception {
        peers = new Peers();
        FakePeer server = new FakePeer(peers.toServer.source(), peers.toClient.sink());
        server.send(FakePeer.HANDSHAKE);
        RpcConnection conn = peers.client(fast);
        server.expectHandshake();
        TestEndpoint client = RpcClient.proxy(TestEndpoint.class, conn);

        CompletableFuture<TestEndpoint.Echo> ping = peers.async(() -> client.ping(new TestEndpoint.Ping("yo")));
        server.expectHeader("{\"endpoint\":\"ping\",\"body\":\"JSON\"}");
        assertEquals("{\"message\":\"yo\"}", server.expect(FrameType.DATA));
        server.expect(FrameType.END);
        server.send(Bytes.empty(0x10), FakePeer.header("{\"status\":\"OK\",\"body\":\"JSON\"}"), Bytes.empty(0x10),
                FakePeer.jsonPart("{\"echo\":\"yo\",\"length\":2,\"extra\":true}"));
        assertEquals(new TestEndpoint.Echo("yo", 2), ping.get(5, TimeUnit.SECONDS));

        CompletableFuture<InputStream> download = peers.async(() -> client.download(new TestEndpoint.Size(9, -1)));
        server.expectHeader("{\"endpoint\":\"download\",\"body\":\"JSON\"}");
        server.expect(FrameType.DATA);
        server.expect(FrameType.END);
        server.send(FakePeer.header("{\"status\":\"OK\",\"body\":\"STREAM\"}"), Bytes.frame(0x02, "abc"),
                Bytes.frame(0x04, "disk on fire"), Bytes.empty(0x03));
        InputStream in = download.get(5, TimeUnit.SECONDS);
        assertEquals('a', in.read());
        StreamException se = assertThrows(StreamException.class, in::readAllBytes);
        assertEquals("disk on fire", se.reason());

        CompletableFuture<Void> touch = peers.async(() -> {
            client.touch();
            return null;
        });
        server.expectHeader("{\"endpoint\":\"touch\",\"body\":\"NONE\"}");
        server.send(FakePeer.header("{\"status\":\"ERROR\",\"body\":\"NONE\",\"errorCode\":\"x.y\",\"message\":\"no\"}"));
        ExecutionException ee = assertThrows(ExecutionException.class, () -> touch.get(5, TimeUnit.SECONDS));
        RpcRemoteException re = assertInstanceOf(RpcRemoteException.class, ee.getCause());
        assertEquals("x.y", re.code());

        Thread.sleep(350);
        CompletableFuture<Void> close = peers.async(() -> {
            conn.close();
            return null;
        });
        int beats = server.expectAfterHeartbeats(FrameType.CLOSE, "");
        assertTrue(beats >= 1, "idle client heartbeats, got " + beats);
        server.send(Bytes.empty(0x21));
        close.get(5, TimeUnit.SECONDS);
        assertEquals(-1, peers.toServer.source().read(java.nio.ByteBuffer.allocate(1)), "client closed its channels");
    }

    @Test
    void responseWithWrongBodyKindBreaksTheConnection() throws Exception {
        peers = new Peers();
        FakePeer server = new FakePeer(peers.toServer.source(), peers.toClient.sink());
        server.send(FakePeer.HANDSHAKE);
        RpcConnection conn = peers.client(fast);
        server.expectHandshake();
        TestEndpoint client = RpcClient.proxy(TestEndpoint.class, conn);
        CompletableFuture<Void> touch = peers.async(() -> {
            client.touch();
            return null;
        });
        server.expectHeader("{\"endpoint\":\"touch\",\"body\":\"NONE\"}");
        server.send(FakePeer.header("{\"status\":\"OK\",\"body\":\"STREAM\"}"));
        ExecutionException ee = assertThrows(ExecutionException.class, () -> touch.get(5, TimeUnit.SECONDS));
        ProtocolException pe = assertInstanceOf(ProtocolException.class, ee.getCause());
        assertEquals(ProtocolException.Code.UNEXPECTED_FRAME, pe.code());
        assertTrue(server.expect(FrameType.RST).contains("answered with body STREAM"));
    }
}
