package org.jzrepl.rpc.frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.nio.charset.StandardCharsets;
import org.jzrepl.util.LogText;

import static org.jzrepl.rpc.frame.ProtocolException.Code.FRAME_TOO_LARGE;
import static org.jzrepl.rpc.frame.ProtocolException.Code.MALFORMED_FRAME;
import static org.jzrepl.rpc.frame.ProtocolException.Code.PEER_EOF;
import static org.jzrepl.rpc.frame.ProtocolException.Code.PEER_RESET;
import static org.jzrepl.rpc.frame.ProtocolException.Code.TRUNCATED_FRAME;
import static org.jzrepl.rpc.frame.ProtocolException.Code.UNKNOWN_FRAME_TYPE;

/**
 * Reads frames from a blocking channel. A header is decoded and checked (known type, zero
 * flags/reserved, length within the type's cap) before any payload byte is read or any buffer
 * for it allocated; the payload is then consumed with one of the {@code payload*} methods before
 * the next {@link #next()}. Not thread-safe: one reading thread at a time. After a protocol
 * error the reader stays failed.
 *
 * <p>Payload goes straight from the channel into the caller's buffer. When a read can finish
 * the payload and the channel scatters, the same system call also takes up to the 8 bytes of
 * the next header (never more), saving a read per frame on the data path.
 */
public final class FrameReader {
    private static final long NOT_BLOCKED = Long.MIN_VALUE;

    private final ReadableByteChannel in;
    private final ScatteringByteChannel scatter;
    private final LinkState link;
    private final ByteBuffer header = ByteBuffer.allocateDirect(Frames.HEADER_SIZE);
    private final ByteBuffer[] payloadAndHeader = new ByteBuffer[2];
    private int prefetched;
    private ByteBuffer scratch;
    private int remaining;
    private ProtocolException failed;
    private volatile long blockedSince = NOT_BLOCKED;
    private long heartbeats;

    public FrameReader(ReadableByteChannel in, LinkState link) {
        this.in = in;
        this.scatter = in instanceof ScatteringByteChannel sc ? sc : null;
        this.link = link;
    }

    /**
     * The next frame that matters above the frame layer: HEARTBEATs are consumed silently, an
     * RST throws {@link ProtocolException.Code#PEER_RESET} with the peer's reason (escaped).
     */
    public FrameHeader next() throws ProtocolException {
        FrameType type = nextType();
        return new FrameHeader(type, remaining);
    }

    /**
     * As {@link #next()} without allocating, for the data path: the type, with the length in
     * {@link #payloadRemaining()} until the payload is consumed.
     */
    public FrameType nextType() throws ProtocolException {
        while (true) {
            FrameType type = readHeader();
            switch (type) {
                case HEARTBEAT -> heartbeats++;
                case RST -> throw fail(new ProtocolException(PEER_RESET,
                        "peer reset the connection: " + LogText.escape(payloadText())));
                default -> {
                    return type;
                }
            }
        }
    }

    /** The next frame of any type, HEARTBEAT and RST included. */
    public FrameHeader nextRaw() throws ProtocolException {
        FrameType type = readHeader();
        return new FrameHeader(type, remaining);
    }

    private FrameType readHeader() throws ProtocolException {
        if (failed != null) {
            throw failed;
        }
        if (remaining != 0) {
            throw new IllegalStateException("previous payload not consumed: " + remaining + " bytes left");
        }
        boolean atBoundary = prefetched == 0;
        if (atBoundary) {
            header.clear();
        }
        prefetched = 0;
        if (!fill(header, atBoundary)) {
            throw fail(new ProtocolException(PEER_EOF, "peer closed the connection"));
        }
        header.flip();
        int code = header.get(0) & 0xFF;
        int flags = header.get(1) & 0xFF;
        int reserved = header.getShort(2) & 0xFFFF;
        long length = header.getInt(4) & 0xFFFF_FFFFL;
        FrameType type = FrameType.ofCode(code);
        if (type == null) {
            throw fail(new ProtocolException(UNKNOWN_FRAME_TYPE, String.format("unknown frame type 0x%02x", code)));
        }
        if (flags != 0 || reserved != 0) {
            throw fail(new ProtocolException(MALFORMED_FRAME,
                    String.format("%s frame with flags 0x%02x reserved 0x%04x (must be 0)", type, flags, reserved)));
        }
        if (length > type.maxLength()) {
            throw fail(new ProtocolException(FRAME_TOO_LARGE,
                    type + " frame of " + length + " bytes exceeds cap " + type.maxLength()));
        }
        remaining = (int) length;
        return type;
    }

    /** Payload bytes of the current frame not yet consumed. */
    public int payloadRemaining() {
        return remaining;
    }

    /**
     * Reads at least one and at most {@code min(dst.remaining(), payloadRemaining())} payload
     * bytes straight from the channel into {@code dst}. Returns the count (0 if nothing is left).
     */
    public int payloadInto(ByteBuffer dst) throws ProtocolException {
        int n = Math.min(dst.remaining(), remaining);
        if (n == 0) {
            return 0;
        }
        int limit = dst.limit();
        dst.limit(dst.position() + n);
        try {
            int got = n == remaining && scatter != null ? readWithNextHeader(dst) : readSome(dst);
            if (got < 0) {
                throw fail(new ProtocolException(TRUNCATED_FRAME, "stream ended inside a frame payload"));
            }
            remaining -= got;
            return got;
        } finally {
            dst.limit(limit);
        }
    }

    /** The whole remaining payload as a new array; its size is within the frame type's cap. */
    public byte[] payloadBytes() throws ProtocolException {
        byte[] bytes = new byte[remaining];
        ByteBuffer dst = ByteBuffer.wrap(bytes);
        while (dst.hasRemaining()) {
            payloadInto(dst);
        }
        return bytes;
    }

    /** The remaining payload decoded as UTF-8 (malformed bytes replaced). */
    public String payloadText() throws ProtocolException {
        return new String(payloadBytes(), StandardCharsets.UTF_8);
    }

    /** Reads and discards the remaining payload. */
    public void skipPayload() throws ProtocolException {
        if (remaining == 0) {
            return;
        }
        if (scratch == null) {
            scratch = ByteBuffer.allocateDirect(64 << 10);
        }
        while (remaining > 0) {
            scratch.clear();
            payloadInto(scratch);
        }
    }

    /** Reads until EOF; true if the peer sent nothing more (used after CLOSE_ACK). */
    public boolean atEof() throws ProtocolException {
        if (prefetched > 0) {
            return false;
        }
        header.clear().limit(1);
        return !fill(header, true);
    }

    /** Heartbeats seen so far. */
    public long heartbeats() {
        return heartbeats;
    }

    /** How long the current blocking read has been waiting for a byte, or 0 if none is. */
    public long blockedNanos(long now) {
        long since = blockedSince;
        return since == NOT_BLOCKED ? 0 : now - since;
    }

    /** Fills dst completely; false on EOF before the first byte if eofOk, else TRUNCATED. */
    private boolean fill(ByteBuffer dst, boolean eofOk) throws ProtocolException {
        boolean first = true;
        while (dst.hasRemaining()) {
            if (readSome(dst) < 0) {
                if (first && eofOk) {
                    return false;
                }
                throw fail(new ProtocolException(TRUNCATED_FRAME, "stream ended inside a frame header"));
            }
            first = false;
        }
        return true;
    }

    /** One scattering read into the rest of the payload, then the next header's buffer. */
    private int readWithNextHeader(ByteBuffer dst) throws ProtocolException {
        header.clear();
        payloadAndHeader[0] = dst;
        payloadAndHeader[1] = header;
        int before = dst.position();
        try {
            long n;
            do {
                blockedSince = System.nanoTime();
                n = scatter.read(payloadAndHeader);
            } while (n == 0);
            if (n < 0) {
                return -1;
            }
            prefetched = header.position();
            return dst.position() - before;
        } catch (IOException e) {
            throw fail(link.translate(e, "read failed"));
        } finally {
            blockedSince = NOT_BLOCKED;
            payloadAndHeader[0] = null;
        }
    }

    private int readSome(ByteBuffer dst) throws ProtocolException {
        try {
            int n;
            do {
                blockedSince = System.nanoTime();
                n = in.read(dst);
            } while (n == 0);
            return n;
        } catch (IOException e) {
            throw fail(link.translate(e, "read failed"));
        } finally {
            blockedSince = NOT_BLOCKED;
        }
    }

    private ProtocolException fail(ProtocolException e) {
        failed = e;
        return e;
    }
}
