package org.jzrepl.rpc.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Over a scattering channel the reader takes the next header with the payload's last read. */
@Timeout(10)
class FrameReaderScatterTest {

    @Test
    void headerReadAheadKeepsFramesIntact() throws Exception {
        byte[] wire = Bytes.concat(Bytes.frame(0x02, "abc"), Bytes.frame(0x02, "defgh"), Bytes.empty(0x10),
                Bytes.frame(0x04, "why"), Bytes.empty(0x03), Bytes.empty(0x20));
        FrameReader r = reader(wire);
        ByteBuffer dst = ByteBuffer.allocateDirect(64);
        assertEquals(new FrameHeader(FrameType.DATA, 3), r.next());
        assertEquals(3, r.payloadInto(dst));
        assertEquals(new FrameHeader(FrameType.DATA, 5), r.next());
        assertEquals(5, r.payloadInto(dst));
        byte[] got = new byte[8];
        dst.flip().get(got);
        assertArrayEquals("abcdefgh".getBytes(), got);
        assertEquals(FrameType.ERROR_TRAILER, r.next().type());
        assertEquals("why", r.payloadText());
        assertEquals(FrameType.END, r.next().type());
        assertEquals(FrameType.CLOSE, r.next().type());
        assertThrows(ProtocolException.class, r::next);
    }

    @Test
    void partialHeaderReadAheadThenEofIsTruncation() throws Exception {
        byte[] wire = Bytes.concat(Bytes.frame(0x02, "abc"), new byte[] {0x03, 0, 0});
        FrameReader r = reader(wire);
        r.next();
        r.payloadInto(ByteBuffer.allocate(64));
        ProtocolException e = assertThrows(ProtocolException.class, r::next);
        assertEquals(ProtocolException.Code.TRUNCATED_FRAME, e.code());
    }

    @Test
    void readAheadFrameIsNotMistakenForEofAfterClose() throws Exception {
        byte[] wire = Bytes.concat(Bytes.frame(0x02, "abc"), Bytes.empty(0x03));
        FrameReader r = reader(wire);
        r.next();
        r.payloadInto(ByteBuffer.allocate(64));
        assertEquals(false, r.atEof());
    }

    private static FrameReader reader(byte[] wire) throws Exception {
        Pipe p = Pipe.open();
        p.sink().write(ByteBuffer.wrap(wire));
        p.sink().close();
        return new FrameReader(p.source(), new LinkState());
    }
}
