package org.jzrepl.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Stream-to-channel adapters for wires built on {@link InputStream}/{@link OutputStream} pairs
 * (SSH channels, child processes). Unlike {@link java.nio.channels.Channels}, they move up to
 * {@value #CHUNK} bytes per call instead of 8 KiB, and the writer flushes after every write, since a
 * wire has no flush of its own. The writer is a {@link GatheringByteChannel} that flushes once per
 * gathering write, so a frame's header and payload leave together (one SSH packet, not two). Each
 * adapter is for one thread at a time.
 */
public final class StreamChannels {
    /** Largest block moved per call when the buffer is not array-backed. */
    public static final int CHUNK = 1024 * 1024;

    private StreamChannels() {
    }

    public static ReadableByteChannel readable(InputStream in) {
        return new Reader(in);
    }

    public static GatheringByteChannel writable(OutputStream out) {
        return new Writer(out);
    }

    private static final class Reader implements ReadableByteChannel {
        private final InputStream in;
        private byte[] scratch;
        private volatile boolean open = true;

        Reader(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!open) {
                throw new ClosedChannelException();
            }
            int want = dst.remaining();
            if (want == 0) {
                return 0;
            }
            if (dst.hasArray()) {
                int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), want);
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }
            if (scratch == null) {
                scratch = new byte[CHUNK];
            }
            int n = in.read(scratch, 0, Math.min(want, CHUNK));
            if (n > 0) {
                dst.put(scratch, 0, n);
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            open = false;
            in.close();
        }
    }

    private static final class Writer implements GatheringByteChannel {
        private final OutputStream out;
        private byte[] scratch;
        private volatile boolean open = true;

        Writer(OutputStream out) {
            this.out = out;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = put(src);
            out.flush();
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += put(srcs[i]);
            }
            out.flush();
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs) throws IOException {
            return write(srcs, 0, srcs.length);
        }

        /** Writes all of {@code src} to the stream, unflushed. */
        private int put(ByteBuffer src) throws IOException {
            if (!open) {
                throw new ClosedChannelException();
            }
            int n = src.remaining();
            if (src.hasArray()) {
                out.write(src.array(), src.arrayOffset() + src.position(), n);
                src.position(src.limit());
            } else {
                if (scratch == null) {
                    scratch = new byte[CHUNK];
                }
                while (src.hasRemaining()) {
                    int k = Math.min(src.remaining(), CHUNK);
                    src.get(scratch, 0, k);
                    out.write(scratch, 0, k);
                }
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            open = false;
            out.close();
        }
    }
}
