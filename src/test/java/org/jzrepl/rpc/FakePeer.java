package org.jzrepl.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import org.jzrepl.rpc.frame.Bytes;
import org.jzrepl.rpc.frame.FrameHeader;
import org.jzrepl.rpc.frame.FrameReader;
import org.jzrepl.rpc.frame.FrameType;
import org.jzrepl.rpc.frame.LinkState;

/** A scripted peer: writes hand-built bytes, reads and checks what the real side sends. */
final class FakePeer {
    static final byte[] HANDSHAKE = handshake("jzrepl-rpc version=1 extensions=\n");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReadableByteChannel in;
    private final WritableByteChannel out;
    final FrameReader reader;

    FakePeer(ReadableByteChannel in, WritableByteChannel out) {
        this.in = in;
        this.out = out;
        this.reader = new FrameReader(in, new LinkState());
    }

    static byte[] handshake(String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        return Bytes.concat(new byte[] {'J', 'Z', 'R', 'P', (byte) (t.length >> 8), (byte) t.length}, t);
    }

    FakePeer send(byte[]... parts) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Bytes.concat(parts));
        while (b.hasRemaining()) {
            out.write(b);
        }
        return this;
    }

    /** Reads the other side's handshake and checks it byte for byte. */
    FakePeer expectHandshake() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HANDSHAKE.length);
        while (b.hasRemaining()) {
            if (in.read(b) < 0) {
                throw new IOException("EOF in handshake");
            }
        }
        assertEquals(new String(HANDSHAKE, StandardCharsets.ISO_8859_1), new String(b.array(), StandardCharsets.ISO_8859_1));
        return this;
    }

    /** The next frame, heartbeats included, with its payload as text. */
    String expect(FrameType type) throws IOException {
        FrameHeader h = reader.nextRaw();
        assertEquals(type, h.type(), "frame type");
        return reader.payloadText();
    }

    /** The next frame other than HEARTBEAT; returns how many heartbeats came first. */
    int expectAfterHeartbeats(FrameType type, String payload) throws IOException {
        int beats = 0;
        FrameHeader h;
        while ((h = reader.nextRaw()).type() == FrameType.HEARTBEAT) {
            beats++;
        }
        assertEquals(type, h.type(), "frame type");
        assertEquals(payload, reader.payloadText());
        return beats;
    }

    /** The next frame is a HEADER whose JSON equals the given JSON. */
    void expectHeader(String json) throws IOException {
        FrameHeader h;
        while ((h = reader.nextRaw()).type() == FrameType.HEARTBEAT) {
            // liveness only
        }
        assertEquals(FrameType.HEADER, h.type());
        JsonNode got = JSON.readTree(reader.payloadBytes());
        assertEquals(JSON.readTree(json), got);
    }

    /** A JSON part: the value in one DATA frame, then END. */
    static byte[] jsonPart(String json) {
        return Bytes.concat(Bytes.frame(0x02, json), Bytes.empty(0x03));
    }

    static byte[] header(String json) {
        return Bytes.frame(0x01, json);
    }
}
