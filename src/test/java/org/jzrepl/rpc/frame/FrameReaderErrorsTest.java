package org.jzrepl.rpc.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Malformed input at the frame layer ends in a typed ProtocolException, before allocating. */
@Timeout(10)
class FrameReaderErrorsTest {

    @Test
    void rejectsTruncatedHeader() {
        assertCode(ProtocolException.Code.TRUNCATED_FRAME, new byte[] {0x02, 0, 0});
    }

    @Test
    void rejectsTruncatedPayload() {
        FrameReader r = reader(Bytes.raw(0x02, 0, 0, 10, new byte[4]));
        ProtocolException e = assertThrows(ProtocolException.class, () -> {
            r.nextRaw();
            r.payloadBytes();
        });
        assertEquals(ProtocolException.Code.TRUNCATED_FRAME, e.code());
    }

    @Test
    void cleanEofBetweenFramesIsPeerEof() {
        assertCode(ProtocolException.Code.PEER_EOF, new byte[0]);
    }

    @Test
    void rejectsUnknownType() {
        ProtocolException e = assertCode(ProtocolException.Code.UNKNOWN_FRAME_TYPE, Bytes.empty(0x7E));
        assertTrue(e.getMessage().contains("0x7e"), e.getMessage());
    }

    @Test
    void rejectsNonZeroFlagsAndReserved() {
        assertCode(ProtocolException.Code.MALFORMED_FRAME, Bytes.raw(0x03, 1, 0, 0, new byte[0]));
        assertCode(ProtocolException.Code.MALFORMED_FRAME, Bytes.raw(0x03, 0, 0x100, 0, new byte[0]));
    }

    @Test
    void rejectsOversizedFrameBeforeAllocating() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        assertCode(ProtocolException.Code.FRAME_TOO_LARGE, Bytes.raw(0x02, 0, 0, 0xFFFF_FFFFL, new byte[0]));
        assertCode(ProtocolException.Code.FRAME_TOO_LARGE,
                Bytes.raw(0x02, 0, 0, Frames.MAX_DATA_PAYLOAD + 1, new byte[0]));
        assertCode(ProtocolException.Code.FRAME_TOO_LARGE,
                Bytes.raw(0x01, 0, 0, Frames.MAX_CALL_HEADER + 1, new byte[0]));
        assertCode(ProtocolException.Code.FRAME_TOO_LARGE, Bytes.raw(0x10, 0, 0, 1, new byte[1]));
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 256 << 10, "allocated " + allocated + " bytes");
    }

    @Test
    void acceptsFrameExactlyAtCap() throws Exception {
        FrameReader r = reader(Bytes.raw(0x01, 0, 0, Frames.MAX_CALL_HEADER, new byte[Frames.MAX_CALL_HEADER]));
        assertEquals(Frames.MAX_CALL_HEADER, r.nextRaw().length());
        assertEquals(Frames.MAX_CALL_HEADER, r.payloadBytes().length);
    }

    @Test
    void rstSurfacesAsPeerResetWithReason() {
        ProtocolException e = assertCode(ProtocolException.Code.PEER_RESET, Bytes.frame(0x2F, "shutting down"));
        assertTrue(e.getMessage().contains("shutting down"));
    }

    @Test
    void readerStaysFailedAfterAnError() {
        FrameReader r = reader(Bytes.concat(Bytes.empty(0x7E), Bytes.empty(0x03)));
        assertThrows(ProtocolException.class, r::next);
        ProtocolException again = assertThrows(ProtocolException.class, r::next);
        assertEquals(ProtocolException.Code.UNKNOWN_FRAME_TYPE, again.code());
    }

    @Test
    void writerRejectsFramesAfterClose() throws Exception {
        FrameWriter w = new FrameWriter(new Bytes.Sink(), new LinkState());
        w.close();
        ProtocolException e = assertThrows(ProtocolException.class, w::heartbeat);
        assertEquals(ProtocolException.Code.CLOSED, e.code());
        assertThrows(IllegalArgumentException.class, () -> new FrameWriter(new Bytes.Sink(), new LinkState())
                .data(ByteBuffer.allocate(Frames.MAX_DATA_PAYLOAD + 1)));
    }

    private static FrameReader reader(byte[] bytes) {
        return new FrameReader(Bytes.in(bytes), new LinkState());
    }

    private static ProtocolException assertCode(ProtocolException.Code code, byte[] bytes) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> reader(bytes).next());
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }
}
