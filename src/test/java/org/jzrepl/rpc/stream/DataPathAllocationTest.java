package org.jzrepl.rpc.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.CompletableFuture;
import org.jzrepl.rpc.frame.FrameReader;
import org.jzrepl.rpc.frame.FrameWriter;
import org.jzrepl.rpc.frame.LinkState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Streaming through frames allocates nothing per frame in the RPC code on either side (direct
 * buffers, reused header buffers and arrays) once the JIT has compiled the path: the least
 * allocation of a few 64 MiB runs must stay under a few KiB for 4096 frames.
 */
@Timeout(30)
class DataPathAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int CHUNK = 16 << 10;
    private static final long BYTES = 64L << 20;
    private static final long FRAMES = BYTES / CHUNK;
    private static final int WARM_UP = 3;
    private static final long SLACK = 4096;

    @Test
    void producerWritesFramesWithoutAllocating() throws Exception {
        StreamWriter w = new StreamWriter(new FrameWriter(new Discard(), new LinkState()), CHUNK);
        long least = Long.MAX_VALUE;
        for (int i = 0; i < WARM_UP + 3; i++) {
            Source src = new Source(BYTES);
            long before = allocated();
            assertNull(w.pump(src));
            least = Math.min(least, allocated() - before);
        }
        assertTrue(least < SLACK, "producer allocated " + least + " bytes for " + FRAMES + " frames");
    }

    @Test
    void consumerReadsFramesFromAPipeWithoutAllocating() throws Exception {
        Pipe pipe = Pipe.open();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            StreamWriter w = new StreamWriter(new FrameWriter(pipe.sink(), new LinkState()), CHUNK);
            try {
                for (int i = 0; i < WARM_UP + 3; i++) {
                    w.pump(new Source(BYTES));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        FrameReader reader = new FrameReader(pipe.source(), new LinkState());
        ByteBuffer dst = ByteBuffer.allocateDirect(CHUNK);
        for (int i = 0; i < WARM_UP; i++) {
            drain(new FrameInputStream(reader, Long.MAX_VALUE, true, e -> { }), dst);
        }
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            FrameInputStream in = new FrameInputStream(reader, Long.MAX_VALUE, true, e -> { });
            long before = allocated();
            assertEquals(BYTES, drain(in, dst));
            least = Math.min(least, allocated() - before);
        }
        producer.join();
        long used = least;
        assertTrue(used < SLACK, "consumer allocated " + used + " bytes for " + FRAMES + " frames");
    }

    private static long drain(FrameInputStream in, ByteBuffer dst) throws Exception {
        long n = 0;
        int r;
        while ((r = in.read(dst.clear())) >= 0) {
            n += r;
        }
        return n;
    }

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** A gathering sink that takes everything and keeps nothing. */
    private static final class Discard implements GatheringByteChannel {
        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += srcs[i].remaining();
                srcs[i].position(srcs[i].limit());
            }
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs) {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** A channel-backed producer that hands out bytes without touching them. */
    private static final class Source extends InputStream implements ReadableByteChannel {
        private long left;

        Source(long bytes) {
            left = bytes;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), left);
            dst.position(dst.position() + n);
            left -= n;
            return n;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }
}
