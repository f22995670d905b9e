package org.jzrepl.rpc.frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

import static org.jzrepl.rpc.frame.ProtocolException.Code.CLOSED;

/**
 * Writes frames to a blocking channel, one method per frame type. Thread-safe: each frame is
 * written whole under a lock (the call thread and the heartbeat timer share a writer). A frame
 * and its payload go out in one gathering write when the channel supports it; the header buffer
 * is reused, so writing DATA allocates nothing. After CLOSE, CLOSE_ACK or RST, or {@link
 * #shutdown()}, every write fails with {@link ProtocolException.Code#CLOSED}.
 */
public final class FrameWriter {
    private static final long NOT_WRITING = Long.MIN_VALUE;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final WritableByteChannel out;
    private final GatheringByteChannel gathering;
    private final LinkState link;
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteBuffer header = ByteBuffer.allocateDirect(Frames.HEADER_SIZE);
    private final ByteBuffer[] pair = new ByteBuffer[2];
    private volatile boolean closed;
    private volatile long lastWrite = System.nanoTime();
    private volatile long writingSince = NOT_WRITING;

    public FrameWriter(WritableByteChannel out, LinkState link) {
        this.out = out;
        this.gathering = out instanceof GatheringByteChannel g ? g : null;
        this.link = link;
    }

    /** A call header (request or response), JSON bytes. */
    public void header(byte[] json) throws ProtocolException {
        write(FrameType.HEADER, ByteBuffer.wrap(json), false);
    }

    /** One DATA frame carrying all remaining bytes of payload (at most MAX_DATA_PAYLOAD). */
    public void data(ByteBuffer payload) throws ProtocolException {
        write(FrameType.DATA, payload, false);
    }

    public void end() throws ProtocolException {
        write(FrameType.END, EMPTY, false);
    }

    /** The reason a stream producer failed; cut to the cap at a character boundary. */
    public void errorTrailer(String reason) throws ProtocolException {
        write(FrameType.ERROR_TRAILER, text(reason, Frames.MAX_ERROR_TRAILER), false);
    }

    public void heartbeat() throws ProtocolException {
        write(FrameType.HEARTBEAT, EMPTY, false);
    }

    /**
     * A heartbeat unless another frame is being written right now (then the peer hears from us
     * anyway). Never waits for the lock. Returns whether a heartbeat was written.
     */
    public boolean tryHeartbeat() throws ProtocolException {
        if (closed || !lock.tryLock()) {
            return false;
        }
        try {
            writeLocked(FrameType.HEARTBEAT, EMPTY);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Asks the peer to close; no frame may follow. */
    public void close() throws ProtocolException {
        write(FrameType.CLOSE, EMPTY, true);
    }

    /**
     * Server: CLOSE unless a write is in progress (between calls none is, unless a heartbeat is
     * being written); returns whether it was sent. No frame may follow.
     */
    public boolean tryClose() {
        return tryLast(FrameType.CLOSE, EMPTY);
    }

    /** Confirms the peer's CLOSE; no frame may follow. */
    public void closeAck() throws ProtocolException {
        write(FrameType.CLOSE_ACK, EMPTY, true);
    }

    /** Aborts with a reason; no frame may follow. */
    public void rst(String reason) throws ProtocolException {
        write(FrameType.RST, text(reason, Frames.MAX_RST_REASON), true);
    }

    /** RST unless a write is in progress (it may be blocked); returns whether it was sent. */
    public boolean tryRst(String reason) {
        return tryLast(FrameType.RST, text(reason, Frames.MAX_RST_REASON));
    }

    /** Writes a last frame unless closed or a write is in progress; returns whether it was sent. */
    private boolean tryLast(FrameType type, ByteBuffer payload) {
        if (closed || !lock.tryLock()) {
            return false;
        }
        try {
            writeLocked(type, payload);
            closed = true;
            return true;
        } catch (ProtocolException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** No more frames from this side (the channels are being closed). */
    public void shutdown() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    /** When the last frame was completely written (System.nanoTime()). */
    public long lastWriteNanos() {
        return lastWrite;
    }

    /** How long the write in progress has been blocked, or 0 if none is. */
    public long blockedNanos(long now) {
        long since = writingSince;
        return since == NOT_WRITING ? 0 : now - since;
    }

    private void write(FrameType type, ByteBuffer payload, boolean last) throws ProtocolException {
        lock.lock();
        try {
            writeLocked(type, payload);
            if (last) {
                closed = true;
            }
        } finally {
            lock.unlock();
        }
    }

    private void writeLocked(FrameType type, ByteBuffer payload) throws ProtocolException {
        if (closed) {
            link.check();
            throw new ProtocolException(CLOSED, "connection closed, cannot write " + type);
        }
        int length = payload.remaining();
        if (length > type.maxLength()) {
            throw new IllegalArgumentException(type + " payload " + length + " exceeds cap " + type.maxLength());
        }
        header.clear();
        header.put((byte) type.code()).put((byte) 0).putShort((short) 0).putInt(length).flip();
        writingSince = System.nanoTime();
        try {
            if (gathering != null && length > 0) {
                pair[0] = header;
                pair[1] = payload;
                while (payload.hasRemaining()) {
                    gathering.write(pair);
                }
                pair[1] = null;
            } else {
                while (header.hasRemaining()) {
                    out.write(header);
                }
                while (payload.hasRemaining()) {
                    out.write(payload);
                }
            }
        } catch (IOException e) {
            closed = true;
            throw link.translate(e, "write of " + type + " failed");
        } finally {
            writingSince = NOT_WRITING;
        }
        lastWrite = System.nanoTime();
    }

    /** UTF-8 of s, cut to at most max bytes without splitting a character. */
    static ByteBuffer text(String s, int max) {
        byte[] b = String.valueOf(s).getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, max);
        while (n < b.length && n > 0 && (b[n] & 0xC0) == 0x80) {
            n--;
        }
        return ByteBuffer.wrap(b, 0, n);
    }
}
