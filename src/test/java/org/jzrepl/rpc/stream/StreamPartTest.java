package org.jzrepl.rpc.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jzrepl.rpc.frame.Bytes;
import org.jzrepl.rpc.frame.FrameReader;
import org.jzrepl.rpc.frame.FrameType;
import org.jzrepl.rpc.frame.FrameWriter;
import org.jzrepl.rpc.frame.Frames;
import org.jzrepl.rpc.frame.LinkState;
import org.jzrepl.rpc.frame.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StreamPartTest {
    private final Bytes.Sink sink = new Bytes.Sink();
    private final StreamWriter out = new StreamWriter(new FrameWriter(sink, new LinkState()), 1000);
    private final List<ProtocolException> done = new ArrayList<>();
    private int doneCalls;

    @Test
    void streamIsCutIntoChunkSizedDataFramesAndEnded() throws Exception {
        byte[] data = random(2500);
        assertNull(out.pump(new ByteArrayInputStream(data)));
        byte[] expected = Bytes.concat(
                Bytes.frame(Frames.TYPE_DATA, slice(data, 0, 1000)),
                Bytes.frame(Frames.TYPE_DATA, slice(data, 1000, 2000)),
                Bytes.frame(Frames.TYPE_DATA, slice(data, 2000, 2500)),
                Bytes.empty(Frames.TYPE_END));
        assertArrayEquals(expected, sink.bytes());
        assertArrayEquals(data, in(sink.bytes(), true).readAllBytes());
        assertEquals(1, doneCalls);
        assertNull(done.get(0));
    }

    @Test
    void channelProducerGivesSameBytesAsStreamProducer() throws Exception {
        byte[] data = random(2500);
        var ch = Channels.newChannel(new ByteArrayInputStream(data));
        class ChannelSource extends InputStream implements java.nio.channels.ReadableByteChannel {
            @Override
            public int read() {
                throw new AssertionError("the channel path must be used");
            }

            @Override
            public int read(ByteBuffer dst) throws IOException {
                return ch.read(dst);
            }

            @Override
            public boolean isOpen() {
                return true;
            }
        }
        assertNull(out.pump(new ChannelSource()));
        FrameInputStream in = in(sink.bytes(), true);
        ByteBuffer dst = ByteBuffer.allocateDirect(4096);
        while (in.read(dst) >= 0) {
            // fill
        }
        byte[] got = new byte[dst.flip().remaining()];
        dst.get(got);
        assertArrayEquals(data, got);
    }

    @Test
    void producerFailureBecomesTrailerAndStreamExceptionAfterEnd() throws Exception {
        InputStream dying = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ < 10) {
                    return 'x';
                }
                throw new IOException("zfs send exited with status 1");
            }
        };
        IOException producerError = out.pump(dying);
        assertEquals("zfs send exited with status 1", producerError.getMessage());
        byte[] next = Bytes.frame(Frames.TYPE_HEADER, "{}");
        FrameReader reader = new FrameReader(Bytes.in(sink.bytes(), next), new LinkState());
        FrameInputStream in = new FrameInputStream(reader, Long.MAX_VALUE, true, this::done);
        StreamException e = assertThrows(StreamException.class, in::readAllBytes);
        assertEquals("zfs send exited with status 1", e.reason());
        assertNull(done.get(0), "a stream error is not a connection error");
        assertEquals(FrameType.HEADER, reader.next().type(), "connection still in sync");
    }

    @Test
    void slowProducerIsSentInFramesOfAtLeastMinFrameBytes() throws Exception {
        StreamWriter big = new StreamWriter(new FrameWriter(sink, new LinkState()), Frames.DEFAULT_STREAM_CHUNK);
        byte[] data = random(3 * StreamWriter.MIN_FRAME + 5000);
        assertNull(big.pump(new Trickle(data, 3000, null)));
        FrameReader reader = new FrameReader(Bytes.in(sink.bytes()), new LinkState());
        List<Integer> sizes = new ArrayList<>();
        for (var h = reader.next(); h.type() == FrameType.DATA; h = reader.next()) {
            sizes.add(h.length());
            reader.skipPayload();
        }
        assertEquals(4, sizes.size(), "frames: " + sizes);
        for (int size : sizes.subList(0, 3)) {
            assertTrue(size >= StreamWriter.MIN_FRAME, "frames: " + sizes);
        }
        assertArrayEquals(data, in(sink.bytes(), true).readAllBytes());
    }

    @Test
    void bytesReadBeforeAProducerFailureGoOutBeforeTheTrailer() throws Exception {
        StreamWriter big = new StreamWriter(new FrameWriter(sink, new LinkState()), Frames.DEFAULT_STREAM_CHUNK);
        byte[] data = random(5000);
        IOException failure = big.pump(new Trickle(data, 1000, new IOException("zfs send killed")));
        assertEquals("zfs send killed", failure.getMessage());
        FrameInputStream in = in(sink.bytes(), true);
        byte[] got = new byte[data.length];
        int n = 0;
        while (n < got.length) {
            n += in.read(got, n, got.length - n);
        }
        assertArrayEquals(data, got);
        assertThrows(StreamException.class, in::read);
    }

    /** Yields {@code data} {@code step} bytes per read, then EOF or {@code failure}. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final int step;
        private final IOException failure;
        private int pos;

        Trickle(byte[] data, int step, IOException failure) {
            this.data = data;
            this.step = step;
            this.failure = failure;
        }

        @Override
        public int read() {
            throw new AssertionError("block reads only");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos == data.length) {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
            int n = Math.min(Math.min(len, step), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    @Test
    void jsonPartMayNotCarryTrailer() {
        byte[] wire = Bytes.concat(Bytes.frame(Frames.TYPE_ERROR_TRAILER, "no"), Bytes.empty(Frames.TYPE_END));
        ProtocolException e = assertThrows(ProtocolException.class, () -> in(wire, false).readAllBytes());
        assertEquals(ProtocolException.Code.UNEXPECTED_FRAME, e.code());
        assertSame(e, done.get(0));
    }

    @Test
    void streamWithoutEndIsAConnectionError() {
        byte[] wire = Bytes.frame(Frames.TYPE_DATA, "abc");
        ProtocolException e = assertThrows(ProtocolException.class, () -> in(wire, true).readAllBytes());
        assertEquals(ProtocolException.Code.PEER_EOF, e.code());
    }

    @Test
    void otherFrameInsideStreamIsRejected() {
        byte[] wire = Bytes.concat(Bytes.frame(Frames.TYPE_DATA, "abc"), Bytes.frame(Frames.TYPE_HEADER, "{}"));
        ProtocolException e = assertThrows(ProtocolException.class, () -> in(wire, true).readAllBytes());
        assertEquals(ProtocolException.Code.UNEXPECTED_FRAME, e.code());
    }

    @Test
    void jsonPartAboveCapIsRejectedBeforeReadingThePayload() {
        byte[] header = Bytes.raw(Frames.TYPE_DATA, 0, 0, Frames.MAX_DATA_PAYLOAD, new byte[0]);
        byte[][] parts = new byte[9][];
        for (int i = 0; i < 8; i++) {
            parts[i] = Bytes.concat(header, new byte[Frames.MAX_DATA_PAYLOAD]);
        }
        parts[8] = header;
        ProtocolException e = assertThrows(ProtocolException.class, () -> in(Bytes.concat(parts), false).readAllBytes());
        assertEquals(ProtocolException.Code.FRAME_TOO_LARGE, e.code());
    }

    @Test
    void closeDrainsToEndSoTheNextFrameIsInSync() throws Exception {
        out.pump(new ByteArrayInputStream(random(5000)));
        FrameReader reader = new FrameReader(Bytes.in(sink.bytes(), Bytes.empty(Frames.TYPE_CLOSE)), new LinkState());
        FrameInputStream in = new FrameInputStream(reader, Long.MAX_VALUE, true, this::done);
        assertEquals(10, in.read(new byte[10]));
        in.close();
        assertTrue(in.finished());
        assertEquals(FrameType.CLOSE, reader.next().type());
        assertEquals(-1, in.read());
    }

    @Test
    void jsonBytesLargerThanOneFrameAreSplit() throws Exception {
        byte[] big = random(Frames.MAX_DATA_PAYLOAD + 5);
        out.writeBytes(big);
        assertArrayEquals(big, in(sink.bytes(), false).readAllBytes());
    }

    private FrameInputStream in(byte[] wire, boolean stream) {
        return new FrameInputStream(new FrameReader(Bytes.in(wire), new LinkState()),
                stream ? Long.MAX_VALUE : Frames.MAX_JSON_BODY, stream, this::done);
    }

    private void done(ProtocolException e) {
        doneCalls++;
        done.add(e);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }
}
