package org.jzrepl.rpc;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.rpc.frame.Bytes;
import org.jzrepl.rpc.frame.FrameType;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.rpc.message.RpcRemoteException;
import org.jzrepl.rpc.stream.StreamException;
import org.jzrepl.testing.LogCapture;
import org.jzrepl.testing.runtime.Runners;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text a peer chooses (RST reason, error code and message, error trailer, handshake name, JSON it
 * sent) is escaped where the RPC layer decodes it: a newline or ESC from the peer never reaches a
 * log line as such.
 */
@Timeout(30)
class PeerTextEscapingTest {
    /** A reason that would forge a log line and recolour the terminal if logged raw. */
    static final String EVIL = "bye\n2026-01-01 INFO forged line \u001b[31mred";
    static final String ESCAPED = "bye\\n2026-01-01 INFO forged line \\x1b[31mred";
    /** The same text inside a JSON string. */
    private static final String EVIL_JSON = "bye\\n2026-01-01 INFO forged line \\u001b[31mred";

    private final RpcSettings fast = RpcSettings.defaults(Runners.shared()).withLiveness(Duration.ofMillis(100), Duration.ofMillis(1500));
    private Peers peers;

    @AfterEach
    void stop() throws Exception {
        if (peers != null) {
            peers.close();
        }
    }

    @Test
    void rstReasonIsEscaped() throws Exception {
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
        server.send(Bytes.frame(0x2F, EVIL));

        ExecutionException ee = assertThrows(ExecutionException.class, () -> touch.get(5, TimeUnit.SECONDS));
        ProtocolException pe = assertInstanceOf(ProtocolException.class, ee.getCause());
        assertEquals(ProtocolException.Code.PEER_RESET, pe.code());
        assertOneEscapedLine(pe.getMessage());
    }

    @Test
    void remoteErrorCodeAndMessageAreEscaped() throws Exception {
        peers = new Peers();
        FakePeer server = new FakePeer(peers.toServer.source(), peers.toClient.sink());
        server.send(FakePeer.HANDSHAKE);
        RpcConnection conn = peers.client(fast);
        server.expectHandshake();
        TestEndpoint client = RpcClient.proxy(TestEndpoint.class, conn);

        CompletableFuture<Void> plain = peers.async(() -> {
            client.touch();
            return null;
        });
        server.expectHeader("{\"endpoint\":\"touch\",\"body\":\"NONE\"}");
        server.send(FakePeer.header("{\"status\":\"ERROR\",\"body\":\"NONE\",\"errorCode\":\"x\\ny\",\"message\":\""
                + EVIL_JSON + "\"}"));
        RpcRemoteException re = assertInstanceOf(RpcRemoteException.class,
                assertThrows(ExecutionException.class, () -> plain.get(5, TimeUnit.SECONDS)).getCause());
        assertEquals("x\\ny", re.code());
        assertEquals(ESCAPED, re.getMessage());

        CompletableFuture<Void> typed = peers.async(() -> {
            client.fail(new TestEndpoint.Failure("notfound", "x"));
            return null;
        });
        server.expectHeader("{\"endpoint\":\"fail\",\"body\":\"JSON\"}");
        server.expect(FrameType.DATA);
        server.expect(FrameType.END);
        server.send(FakePeer.header("{\"status\":\"ERROR\",\"body\":\"NONE\",\"errorCode\":\"test.not_found\","
                + "\"errorType\":\"NotFoundException\",\"message\":\"" + EVIL_JSON + "\"}"));
        TestEndpoint.NotFoundException nf = assertInstanceOf(TestEndpoint.NotFoundException.class,
                assertThrows(ExecutionException.class, () -> typed.get(5, TimeUnit.SECONDS)).getCause());
        assertOneEscapedLine(nf.toString());
    }

    @Test
    void errorTrailerReasonIsEscaped() throws Exception {
        peers = new Peers();
        FakePeer server = new FakePeer(peers.toServer.source(), peers.toClient.sink());
        server.send(FakePeer.HANDSHAKE);
        RpcConnection conn = peers.client(fast);
        server.expectHandshake();
        TestEndpoint client = RpcClient.proxy(TestEndpoint.class, conn);
        CompletableFuture<InputStream> download = peers.async(() -> client.download(new TestEndpoint.Size(9, -1)));
        server.expectHeader("{\"endpoint\":\"download\",\"body\":\"JSON\"}");
        server.expect(FrameType.DATA);
        server.expect(FrameType.END);
        server.send(FakePeer.header("{\"status\":\"OK\",\"body\":\"STREAM\"}"), Bytes.frame(0x04, EVIL), Bytes.empty(0x03));
        InputStream in = download.get(5, TimeUnit.SECONDS);
        StreamException se = assertThrows(StreamException.class, in::readAllBytes);
        assertEquals(ESCAPED, se.reason());
        assertOneEscapedLine(se.getMessage());
    }

    @Test
    void handshakeNameOfAnotherProtocolIsEscaped() throws Exception {
        peers = new Peers();
        FakePeer server = new FakePeer(peers.toServer.source(), peers.toClient.sink());
        server.send(FakePeer.handshake("evil\u001b[2J version=1 extensions=\n"));
        ProtocolException e = assertThrows(ProtocolException.class, () -> peers.client(fast));
        assertEquals(ProtocolException.Code.VERSION_MISMATCH, e.code());
        assertTrue(e.getMessage().endsWith("theirs is evil\\x1b[2J 1"), e.getMessage());
    }

    @Test
    void jsonTheClientSentIsEscapedInTheServersError() throws Exception {
        peers = new Peers();
        var server = peers.serve(fast, new TestEndpointImpl());
        FakePeer client = new FakePeer(peers.toClient.source(), peers.toServer.sink());
        client.send(FakePeer.HANDSHAKE).expectHandshake();
        client.send(FakePeer.header("{\"endpoint\":\"ping\",\"body\":\"" + EVIL_JSON + "\"}"));
        ExecutionException ee = assertThrows(ExecutionException.class, () -> server.get(5, TimeUnit.SECONDS));
        ProtocolException pe = assertInstanceOf(ProtocolException.class, ee.getCause());
        assertEquals(ProtocolException.Code.BAD_CALL_HEADER, pe.code());
        assertOneEscapedLine(pe.getMessage());
    }

    /** An endpoint failure that quotes the request is logged by the server on one line. */
    @Test
    void serverLogsAFailureQuotingTheRequestOnOneLine() throws Exception {
        peers = new Peers();
        peers.serve(fast, new TestEndpointImpl());
        TestEndpoint client = RpcClient.proxy(TestEndpoint.class, peers.client(fast));
        try (LogCapture log = LogCapture.start()) {
            RpcRemoteException re = assertThrows(RpcRemoteException.class,
                    () -> client.fail(new TestEndpoint.Failure("boom", EVIL)));
            assertEquals(RpcRemoteException.INTERNAL, re.code());
            assertOneEscapedLine(re.getMessage());
            assertTrue(log.await(l -> l.contains("endpoint fail failed"), Duration.ofSeconds(5)), log.text());
            assertLogHasOnlyEscapedLines(log);
        }
    }

    static void assertOneEscapedLine(String text) {
        assertTrue(text.contains(ESCAPED), text);
        assertEquals(-1, text.indexOf('\n'), text);
        assertEquals(-1, text.indexOf('\u001b'), text);
    }

    /** Every captured line that mentions the forged text holds it escaped; none starts with it. */
    static void assertLogHasOnlyEscapedLines(LogCapture log) {
        List<String> lines = log.lines();
        List<String> mentioning = lines.stream().filter(l -> l.contains("forged line")).toList();
        assertTrue(!mentioning.isEmpty(), log.text());
        for (String l : mentioning) {
            assertTrue(l.contains(ESCAPED), "escaped on one line: " + l);
        }
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("2026-01-01 INFO forged line")), log.text());
        assertEquals(-1, log.text().indexOf('\u001b'), log.text());
    }
}
