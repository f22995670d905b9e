package org.jzrepl.rpc.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.function.Consumer;
import org.jzrepl.rpc.frame.FrameReader;
import org.jzrepl.rpc.frame.FrameType;
import org.jzrepl.rpc.frame.Frames;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.util.LogText;

/**
 * One body part read from the connection: the payloads of DATA frames up to END. Bytes go from
 * the channel straight into the caller's buffer. As a {@link ReadableByteChannel} it reads into
 * direct buffers without any copy in Java.
 *
 * <p>An ERROR_TRAILER (allowed only if the part is a stream) makes reads throw {@link
 * StreamException} after END has been consumed, so the connection stays in sync. {@link
 * #close()} before END drains the rest of the part (reads and discards it); to give up on a big
 * stream, abort the connection instead. The {@code onDone} callback runs once, when the part is
 * finished: with null after END (even with a trailer), or with the ProtocolException that broke
 * the connection. Not thread-safe.
 */
public final class FrameInputStream extends InputStream implements ReadableByteChannel {
    private final FrameReader reader;
    private final long maxBytes;
    private final boolean stream;
    private final Consumer<ProtocolException> onDone;
    private long total;
    private boolean finished;
    private IOException failure;
    private byte[] lastArray;
    private ByteBuffer lastWrap;

    /**
     * @param maxBytes cap on the sum of DATA payloads (checked before reading each frame)
     * @param stream   true for a byte stream (ERROR_TRAILER allowed), false for a JSON part
     */
    public FrameInputStream(FrameReader reader, long maxBytes, boolean stream, Consumer<ProtocolException> onDone) {
        this.reader = reader;
        this.maxBytes = maxBytes;
        this.stream = stream;
        this.onDone = onDone;
    }

    /** A JSON part, capped at {@link Frames#MAX_JSON_BODY}. */
    public static FrameInputStream json(FrameReader reader, Consumer<ProtocolException> onDone) {
        return new FrameInputStream(reader, Frames.MAX_JSON_BODY, false, onDone);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (!advance()) {
            return -1;
        }
        try {
            return reader.payloadInto(dst);
        } catch (ProtocolException e) {
            throw finish(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (b != lastArray) {
            lastArray = b;
            lastWrap = ByteBuffer.wrap(b);
        }
        lastWrap.limit(off + len).position(off);
        return read(lastWrap);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int available() {
        return finished ? 0 : reader.payloadRemaining();
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        byte[] buf = new byte[256 << 10];
        long n = 0;
        int r;
        while ((r = read(buf, 0, buf.length)) >= 0) {
            out.write(buf, 0, r);
            n += r;
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return !finished;
    }

    /** True once END has been read (or the part failed). */
    public boolean finished() {
        return finished;
    }

    /**
     * Drains the part up to END if it is not finished; a producer failure is not rethrown, nor is
     * a failure a read already threw (so try-with-resources does not meet the same exception twice).
     */
    @Override
    public void close() throws IOException {
        if (failure != null) {
            return;
        }
        try {
            while (advance()) {
                reader.skipPayload();
            }
        } catch (StreamException e) {
            // the reader closing early does not care why the producer stopped
        } catch (ProtocolException e) {
            throw finish(e);
        }
    }

    /** Moves to a frame with payload left; false at END. Throws the stream's failure. */
    private boolean advance() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (finished) {
            return false;
        }
        try {
            while (reader.payloadRemaining() == 0) {
                FrameType type = reader.nextType();
                switch (type) {
                    case DATA -> {
                        total += reader.payloadRemaining();
                        if (total > maxBytes) {
                            throw new ProtocolException(ProtocolException.Code.FRAME_TOO_LARGE,
                                    "body part exceeds cap of " + maxBytes + " bytes");
                        }
                    }
                    case END -> {
                        finish(null);
                        return false;
                    }
                    case ERROR_TRAILER -> throw trailer(LogText.escape(reader.payloadText()));
                    default -> throw new ProtocolException(ProtocolException.Code.UNEXPECTED_FRAME,
                            type + " frame inside a " + (stream ? "stream" : "JSON body"));
                }
            }
            return true;
        } catch (ProtocolException e) {
            throw finish(e);
        }
    }

    /** Reads further trailers up to END, then fails the part with the producer's reason. */
    private IOException trailer(String reason) throws ProtocolException {
        if (!stream) {
            throw new ProtocolException(ProtocolException.Code.UNEXPECTED_FRAME, "ERROR_TRAILER inside a JSON body");
        }
        FrameType type = reader.nextType();
        if (type != FrameType.END) {
            throw new ProtocolException(ProtocolException.Code.UNEXPECTED_FRAME, type + " after ERROR_TRAILER");
        }
        return finish(new StreamException(reason));
    }

    private IOException finish(IOException e) {
        if (!finished) {
            finished = true;
            failure = e;
            onDone.accept(e instanceof ProtocolException pe ? pe : null);
        }
        return failure != null ? failure : e;
    }
}
