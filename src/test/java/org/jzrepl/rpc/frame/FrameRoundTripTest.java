package org.jzrepl.rpc.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every frame type, written by FrameWriter and read by FrameReader, against bytes built by hand. */
class FrameRoundTripTest {
    private final Bytes.Sink sink = new Bytes.Sink();
    private final FrameWriter writer = new FrameWriter(sink, new LinkState());

    @Test
    void headerFrameIsTypeOneThenBigEndianLengthThenJson() throws Exception {
        writer.header("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        byte[] expected = {0x01, 0, 0, 0, 0, 0, 0, 7, '{', '"', 'a', '"', ':', '1', '}'};
        assertRoundTrip(expected, FrameType.HEADER, "{\"a\":1}");
    }

    @Test
    void dataFrameCarriesPayloadVerbatim() throws Exception {
        byte[] payload = new byte[300];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        writer.data(ByteBuffer.wrap(payload));
        byte[] expected = Bytes.concat(new byte[] {0x02, 0, 0, 0, 0, 0, 0x01, 0x2C}, payload);
        assertArrayEquals(expected, sink.bytes());
        FrameReader r = new FrameReader(Bytes.in(expected), new LinkState());
        assertEquals(new FrameHeader(FrameType.DATA, 300), r.nextRaw());
        assertArrayEquals(payload, r.payloadBytes());
    }

    @Test
    void directBufferDataFrameMatchesHeapOne() throws Exception {
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put(new byte[] {9, 8, 7}).flip();
        writer.data(direct);
        assertArrayEquals(new byte[] {0x02, 0, 0, 0, 0, 0, 0, 3, 9, 8, 7}, sink.bytes());
    }

    @Test
    void emptyFramesAreEightBytes() throws Exception {
        writer.end();
        writer.heartbeat();
        writer.closeAck();
        assertArrayEquals(new byte[] {
            0x03, 0, 0, 0, 0, 0, 0, 0,
            0x10, 0, 0, 0, 0, 0, 0, 0,
            0x21, 0, 0, 0, 0, 0, 0, 0}, sink.bytes());
        FrameReader r = new FrameReader(Bytes.in(sink.bytes()), new LinkState());
        assertEquals(new FrameHeader(FrameType.END, 0), r.nextRaw());
        assertEquals(new FrameHeader(FrameType.HEARTBEAT, 0), r.nextRaw());
        assertEquals(new FrameHeader(FrameType.CLOSE_ACK, 0), r.nextRaw());
    }

    @Test
    void closeFrame() throws Exception {
        writer.close();
        assertRoundTrip(new byte[] {0x20, 0, 0, 0, 0, 0, 0, 0}, FrameType.CLOSE, "");
    }

    @Test
    void errorTrailerCarriesUtf8Reason() throws Exception {
        writer.errorTrailer("zfs send: exit 1 ü");
        byte[] text = "zfs send: exit 1 ü".getBytes(StandardCharsets.UTF_8);
        byte[] expected = Bytes.concat(new byte[] {0x04, 0, 0, 0, 0, 0, 0, (byte) text.length}, text);
        assertRoundTrip(expected, FrameType.ERROR_TRAILER, "zfs send: exit 1 ü");
    }

    @Test
    void rstCarriesReason() throws Exception {
        writer.rst("bye");
        assertRoundTrip(new byte[] {0x2F, 0, 0, 0, 0, 0, 0, 3, 'b', 'y', 'e'}, FrameType.RST, "bye");
    }

    @Test
    void overlongReasonIsCutAtCapWithoutSplittingCharacters() throws Exception {
        writer.rst("é".repeat(Frames.MAX_RST_REASON));
        FrameReader r = new FrameReader(Bytes.in(sink.bytes()), new LinkState());
        FrameHeader h = r.nextRaw();
        assertEquals(Frames.MAX_RST_REASON, h.length());
        assertEquals("é".repeat(Frames.MAX_RST_REASON / 2), r.payloadText());
    }

    @Test
    void nextSkipsHeartbeats() throws Exception {
        byte[] wire = Bytes.concat(Bytes.empty(0x10), Bytes.empty(0x10), Bytes.empty(0x03));
        FrameReader r = new FrameReader(Bytes.in(wire), new LinkState());
        assertEquals(FrameType.END, r.next().type());
        assertEquals(2, r.heartbeats());
    }

    @Test
    void everyTypeHasItsDocumentedCode() {
        assertEquals(8, FrameType.values().length);
        for (FrameType t : FrameType.values()) {
            assertEquals(t, FrameType.ofCode(t.code()));
        }
    }

    private void assertRoundTrip(byte[] expected, FrameType type, String payload) throws Exception {
        assertArrayEquals(expected, sink.bytes());
        FrameReader r = new FrameReader(Bytes.in(expected), new LinkState());
        FrameHeader h = r.nextRaw();
        assertEquals(type, h.type());
        assertEquals(payload, r.payloadText());
    }
}
