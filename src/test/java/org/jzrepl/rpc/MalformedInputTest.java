package org.jzrepl.rpc;

import static org.jzrepl.rpc.FakePeer.HANDSHAKE;
import static org.jzrepl.rpc.FakePeer.header;
import static org.jzrepl.rpc.FakePeer.jsonPart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jzrepl.rpc.frame.Bytes;
import org.jzrepl.rpc.frame.FrameHeader;
import org.jzrepl.rpc.frame.FrameReader;
import org.jzrepl.rpc.frame.FrameType;
import org.jzrepl.rpc.frame.Frames;
import org.jzrepl.rpc.frame.LinkState;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.rpc.frame.ProtocolException.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every class of malformed input against a real server: a typed error (or a typed error
 * response when the connection can stay in sync), never a hang, never an allocation the
 * input's length fields ask for.
 */
@Timeout(20)
class MalformedInputTest {
    private static final byte[] PING = Bytes.concat(header("{\"endpoint\":\"ping\",\"body\":\"JSON\"}"),
            jsonPart("{\"message\":\"a\"}"));
    private static final byte[] CLOSE = Bytes.empty(Frames.TYPE_CLOSE);
    private static final long ALLOCATION_LIMIT = 4 << 20;

    @Test
    void truncatedHeader() {
        assertFails(Code.TRUNCATED_FRAME, HANDSHAKE, PING, new byte[] {0x01, 0, 0, 0, 0});
    }

    @Test
    void truncatedPayload() {
        assertFails(Code.TRUNCATED_FRAME, HANDSHAKE, Bytes.raw(0x01, 0, 0, 100, "{\"endpo".getBytes()));
    }

    @Test
    void oversizeLengthIsRefusedWithoutAllocatingIt() {
        var o = assertFails(Code.FRAME_TOO_LARGE, HANDSHAKE, Bytes.raw(0x01, 0, 0, 0xFFFF_FFF0L, new byte[0]));
        assertTrue(o.allocated() < ALLOCATION_LIMIT);
        assertFails(Code.FRAME_TOO_LARGE, HANDSHAKE, header("{\"endpoint\":\"count\",\"body\":\"STREAM\"}"),
                Bytes.raw(0x02, 0, 0, Frames.MAX_DATA_PAYLOAD + 1, new byte[0]));
    }

    @Test
    void jsonBodyAboveCapIsRefusedBeforeItIsRead() {
        List<byte[]> parts = new ArrayList<>(List.of(HANDSHAKE, header("{\"endpoint\":\"ping\",\"body\":\"JSON\"}")));
        byte[] mib = Bytes.raw(0x02, 0, 0, Frames.MAX_DATA_PAYLOAD, new byte[Frames.MAX_DATA_PAYLOAD]);
        for (int i = 0; i < 8; i++) {
            parts.add(mib);
        }
        parts.add(Bytes.raw(0x02, 0, 0, 1, new byte[0]));
        assertFails(Code.FRAME_TOO_LARGE, parts.toArray(new byte[0][]));
    }

    @Test
    void unknownTypeIsRefusedAndPeerToldWithRst() {
        var o = assertFails(Code.UNKNOWN_FRAME_TYPE, HANDSHAKE, Bytes.empty(0x55));
        List<String> frames = frames(o.output());
        assertTrue(frames.get(frames.size() - 1).startsWith("RST:UNKNOWN_FRAME_TYPE: unknown frame type 0x55"), frames.toString());
    }

    @Test
    void badJsonInCallHeaderIsAProtocolError() {
        assertFails(Code.BAD_CALL_HEADER, HANDSHAKE, header("{\"endpoint\":"));
        assertFails(Code.BAD_CALL_HEADER, HANDSHAKE, header("{\"endpoint\":\"a b\",\"body\":\"JSON\"}"));
        assertFails(Code.BAD_CALL_HEADER, HANDSHAKE, header("{\"endpoint\":\"ping\",\"body\":\"XML\"}"));
        assertFails(Code.BAD_CALL_HEADER, HANDSHAKE, header("null"));
    }

    @Test
    void badJsonBodyIsAnErrorResponseAndTheConnectionGoesOn() {
        var o = assertServes(HANDSHAKE, header("{\"endpoint\":\"ping\",\"body\":\"JSON\"}"), jsonPart("{\"message\":"),
                header("{\"endpoint\":\"ping\",\"body\":\"JSON\"}"), jsonPart("[" .repeat(5000)),
                PING, CLOSE);
        List<String> f = frames(o.output());
        assertTrue(f.get(0).contains("rpc.bad_request"), f.toString());
        assertTrue(f.get(1).contains("rpc.bad_request"), f.toString());
        assertEquals("HEADER:{\"status\":\"OK\",\"body\":\"JSON\"}", f.get(2));
    }

    @Test
    void unknownEndpointIsAnErrorResponseAndTheBodyIsSkipped() {
        var o = assertServes(HANDSHAKE, header("{\"endpoint\":\"destroyEverything\",\"body\":\"JSON_STREAM\"}"),
                jsonPart("{}"), Bytes.frame(0x02, "xyz"), Bytes.empty(0x03), PING, CLOSE);
        List<String> f = frames(o.output());
        assertTrue(f.get(0).contains("rpc.unknown_endpoint") && f.get(0).contains("no endpoint destroyEverything"), f.toString());
        assertEquals("HEADER:{\"status\":\"OK\",\"body\":\"JSON\"}", f.get(1));
    }

    @Test
    void wrongBodyKindIsAnErrorResponse() {
        var o = assertServes(HANDSHAKE, header("{\"endpoint\":\"ping\",\"body\":\"STREAM\"}"),
                Bytes.frame(0x02, "xyz"), Bytes.frame(0x04, "oops"), Bytes.empty(0x03), CLOSE);
        assertTrue(frames(o.output()).get(0).contains("rpc.wrong_body_kind"));
    }

    @Test
    void streamWithoutEnd() {
        assertFails(Code.PEER_EOF, HANDSHAKE, header("{\"endpoint\":\"count\",\"body\":\"STREAM\"}"), Bytes.frame(0x02, "abc"));
        assertFails(Code.UNEXPECTED_FRAME, HANDSHAKE, header("{\"endpoint\":\"count\",\"body\":\"STREAM\"}"),
                Bytes.frame(0x02, "abc"), PING);
    }

    @Test
    void trailerWithoutEndAndTrailerInJsonBody() {
        assertFails(Code.UNEXPECTED_FRAME, HANDSHAKE, header("{\"endpoint\":\"count\",\"body\":\"STREAM\"}"),
                Bytes.frame(0x04, "x"), Bytes.frame(0x02, "abc"));
        assertFails(Code.UNEXPECTED_FRAME, HANDSHAKE, header("{\"endpoint\":\"ping\",\"body\":\"JSON\"}"),
                Bytes.frame(0x04, "x"), Bytes.empty(0x03));
    }

    @Test
    void dataAfterClose() {
        var o = assertFails(Code.UNEXPECTED_FRAME, HANDSHAKE, PING, CLOSE, Bytes.frame(0x02, "late"));
        assertTrue(o.error().getMessage().contains("data after CLOSE"));
        assertTrue(frames(o.output()).contains("CLOSE_ACK:"));
    }

    @Test
    void framesOutOfPlace() {
        assertFails(Code.UNEXPECTED_FRAME, HANDSHAKE, Bytes.frame(0x02, "stray"));
        assertFails(Code.UNEXPECTED_FRAME, HANDSHAKE, Bytes.empty(0x03));
        assertFails(Code.UNEXPECTED_FRAME, HANDSHAKE, Bytes.empty(0x21));
        assertFails(Code.PEER_RESET, HANDSHAKE, Bytes.frame(0x2F, "bye"));
        assertFails(Code.MALFORMED_FRAME, HANDSHAKE, Bytes.raw(0x10, 0x80, 0, 0, new byte[0]));
    }

    @Test
    void handshakeGarbage() {
        assertFails(Code.BAD_HANDSHAKE, "SSH-2.0-OpenSSH_9.2\r\n".getBytes());
        assertFails(Code.BAD_HANDSHAKE, new byte[] {'J', 'Z'});
        assertFails(Code.BAD_HANDSHAKE, FakePeer.handshake("jzrepl-rpc version=1 extensions=\n\0"));
        assertFails(Code.VERSION_MISMATCH, FakePeer.handshake("jzrepl-rpc version=0 extensions=\n"));
        assertFails(Code.VERSION_MISMATCH, FakePeer.handshake("other-rpc version=1 extensions=\n"));
    }

    @Test
    void cleanSessionEndsNormally() {
        var o = assertServes(HANDSHAKE, Bytes.empty(0x10), PING, Bytes.empty(0x10), CLOSE);
        assertEquals(List.of("HEADER:{\"status\":\"OK\",\"body\":\"JSON\"}", "DATA:{\"echo\":\"a\",\"length\":1}", "END:",
                "CLOSE_ACK:"), frames(o.output()));
    }

    private static InProcessServer.Outcome assertFails(Code code, byte[]... input) {
        InProcessServer.Outcome o = InProcessServer.run(Bytes.concat(input), new FuzzEndpoint());
        assertTrue(o.error() instanceof ProtocolException, () -> "expected " + code + ", got " + o.error());
        assertEquals(code, o.code(), o.error().getMessage());
        assertTrue(o.allocated() < ALLOCATION_LIMIT + Bytes.concat(input).length * 4L, "allocated " + o.allocated());
        return o;
    }

    private static InProcessServer.Outcome assertServes(byte[]... input) {
        InProcessServer.Outcome o = InProcessServer.run(Bytes.concat(input), new FuzzEndpoint());
        assertNull(o.error());
        return o;
    }

    /** The server's frames after its handshake, as "TYPE:payload". */
    static List<String> frames(byte[] output) {
        byte[] frames = Arrays.copyOfRange(output, HANDSHAKE.length, output.length);
        FrameReader r = new FrameReader(Bytes.in(frames), new LinkState());
        List<String> out = new ArrayList<>();
        try {
            while (true) {
                FrameHeader h = r.nextRaw();
                out.add(h.type() + ":" + r.payloadText());
                if (h.type() == FrameType.RST || h.type() == FrameType.CLOSE_ACK) {
                    return out;
                }
            }
        } catch (ProtocolException eof) {
            return out;
        }
    }
}
