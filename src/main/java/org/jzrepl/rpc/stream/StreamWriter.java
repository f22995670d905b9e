package org.jzrepl.rpc.stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.jzrepl.rpc.frame.FrameWriter;
import org.jzrepl.rpc.frame.Frames;
import org.jzrepl.rpc.frame.ProtocolException;

/**
 * Writes body parts: a byte array (a JSON part) or everything a producer yields (a stream part)
 * as DATA frames, then END. Owns the chunk buffers, one set per connection, allocated on first use and reused for
 * every call; not thread-safe (one call at a time).
 *
 * <p>A producer that is a {@link ReadableByteChannel} is read straight into a direct buffer
 * which is written with the frame header in one gathering write: no copy in Java. A plain
 * {@link InputStream} is read into a heap array first.
 *
 * <p>A stream's DATA frames carry at least {@link #MIN_FRAME} bytes each (the last one may carry
 * less): the producer is read until that much is in hand or it ends. A pipe from a slow producer
 * yields a few KiB per read; sent as they come, each would cost the peer a wake-up of its reading
 * thread and a write into its consumer, which on a slow link is most of the CPU a stream costs.
 */
public final class StreamWriter {
    /** Fewest payload bytes in a stream's DATA frame, but the last (or the chunk size, if smaller). */
    public static final int MIN_FRAME = 128 << 10;

    private final FrameWriter writer;
    private final int chunk;
    private final int minFrame;
    private ByteBuffer direct;
    private ByteBuffer heap;

    /** @param chunk payload size of the DATA frames a stream is cut into (at most 1 MiB) */
    public StreamWriter(FrameWriter writer, int chunk) {
        if (chunk < 1 || chunk > Frames.MAX_DATA_PAYLOAD) {
            throw new IllegalArgumentException("chunk " + chunk + " outside 1.." + Frames.MAX_DATA_PAYLOAD);
        }
        this.writer = writer;
        this.chunk = chunk;
        this.minFrame = Math.min(chunk, MIN_FRAME);
    }

    /** One JSON part: the bytes in DATA frames, then END. */
    public void writeBytes(byte[] bytes) throws ProtocolException {
        if (bytes.length > Frames.MAX_JSON_BODY) {
            throw new IllegalArgumentException("JSON body of " + bytes.length + " bytes exceeds cap " + Frames.MAX_JSON_BODY);
        }
        for (int off = 0; off < bytes.length; off += Frames.MAX_DATA_PAYLOAD) {
            writer.data(ByteBuffer.wrap(bytes, off, Math.min(Frames.MAX_DATA_PAYLOAD, bytes.length - off)));
        }
        writer.end();
    }

    /**
     * One stream part: everything the producer yields, then END. If the producer throws, its
     * failure goes out as ERROR_TRAILER + END and is returned (the connection stays usable);
     * null means the whole stream went out. A failure to write throws: the connection is gone.
     * The producer is not closed here.
     */
    public IOException pump(InputStream producer) throws ProtocolException {
        try {
            if (producer instanceof ReadableByteChannel ch) {
                if (direct == null) {
                    direct = ByteBuffer.allocateDirect(chunk);
                }
                pumpFrames(direct, ch::read);
            } else {
                if (heap == null) {
                    heap = ByteBuffer.wrap(new byte[chunk]);
                }
                pumpFrames(heap, dst -> {
                    int n = producer.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                    if (n > 0) {
                        dst.position(dst.position() + n);
                    }
                    return n;
                });
            }
        } catch (ProducerFailure f) {
            writer.errorTrailer(describe(f.getCause()));
            writer.end();
            return f.getCause();
        }
        writer.end();
        return null;
    }

    /** Reads the producer into {@code buf}, {@link #minFrame} bytes or more per DATA frame, up to its end. */
    private void pumpFrames(ByteBuffer buf, Producer producer) throws ProtocolException, ProducerFailure {
        boolean more = true;
        while (more) {
            buf.clear();
            while (buf.position() < minFrame) {
                int n;
                try {
                    n = producer.read(buf);
                } catch (IOException | RuntimeException e) {
                    sendFilled(buf);      // what the producer gave before it failed
                    throw new ProducerFailure(e);
                }
                if (n < 0) {
                    more = false;
                    break;
                }
            }
            sendFilled(buf);
        }
    }

    private void sendFilled(ByteBuffer buf) throws ProtocolException {
        buf.flip();
        if (buf.hasRemaining()) {
            writer.data(buf);
        }
    }

    /** One read of the producer into the buffer's remaining space; -1 at its end. */
    private interface Producer {
        int read(ByteBuffer dst) throws IOException;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** Marks an exception thrown by the producer, as opposed to one writing the connection. */
    private static final class ProducerFailure extends Exception {
        ProducerFailure(Exception cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            Throwable c = super.getCause();
            return c instanceof IOException io ? io : new IOException(c.toString(), c);
        }
    }
}
