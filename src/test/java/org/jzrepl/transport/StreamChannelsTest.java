package org.jzrepl.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import org.junit.jupiter.api.Test;

class StreamChannelsTest {

    /** Records what reached the wire at each flush. */
    private static final class Wire extends ByteArrayOutputStream {
        final java.util.List<String> flushed = new java.util.ArrayList<>();

        @Override
        public void flush() {
            flushed.add(toString(java.nio.charset.StandardCharsets.US_ASCII));
            reset();
        }
    }

    @Test
    void aGatheringWriteLeavesInOneFlushSoHeaderAndPayloadShareAPacket() throws Exception {
        Wire wire = new Wire();
        GatheringByteChannel ch = StreamChannels.writable(wire);
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put("pay".getBytes()).flip();
        long n = ch.write(new ByteBuffer[] {ByteBuffer.wrap("HDR".getBytes()), direct, ByteBuffer.wrap("load".getBytes())});
        assertEquals(10, n);
        assertEquals(java.util.List.of("HDRpayload"), wire.flushed);
        assertEquals(0, direct.remaining());
    }

    @Test
    void aPlainWriteIsFlushedAtOnce() throws Exception {
        Wire wire = new Wire();
        GatheringByteChannel ch = StreamChannels.writable(wire);
        ch.write(ByteBuffer.wrap("a".getBytes()));
        ch.write(ByteBuffer.wrap("b".getBytes()));
        assertEquals(java.util.List.of("a", "b"), wire.flushed);
    }

    @Test
    void aClosedWriterRefusesWrites() throws Exception {
        GatheringByteChannel ch = StreamChannels.writable(new Wire());
        ch.close();
        assertThrows(ClosedChannelException.class, () -> ch.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[1])}));
    }

    @Test
    void theReaderFillsDirectBuffersToo() throws IOException {
        byte[] data = "stream bytes".getBytes();
        ReadableByteChannel ch = StreamChannels.readable(new ByteArrayInputStream(data));
        ByteBuffer dst = ByteBuffer.allocateDirect(64);
        int n = ch.read(dst);
        byte[] got = new byte[n];
        dst.flip().get(got);
        assertArrayEquals(data, got);
        assertEquals(-1, ch.read(dst.clear()));
    }
}
