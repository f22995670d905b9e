package org.jzrepl.rpc;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jzrepl.rpc.frame.FrameHeader;
import org.jzrepl.rpc.frame.FrameReader;
import org.jzrepl.rpc.frame.FrameType;
import org.jzrepl.rpc.frame.FrameWriter;
import org.jzrepl.rpc.frame.LinkState;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.rpc.message.JsonCodec;
import org.jzrepl.rpc.stream.StreamWriter;
import org.jzrepl.runtime.Task;
import org.jzrepl.transport.Wire;
import static org.jzrepl.rpc.frame.ProtocolException.Code.CLOSED;
import static org.jzrepl.rpc.frame.ProtocolException.Code.HANDSHAKE_TIMEOUT;
import static org.jzrepl.rpc.frame.ProtocolException.Code.UNEXPECTED_FRAME;

/**
 * One RPC connection over a pair of blocking byte channels, after the version handshake: the
 * frame reader and writer, the liveness timer, the call slot (one call at a time) and the
 * teardown. Use it with {@link RpcClient#proxy} on the active side or {@link RpcServer#serve}
 * on the passive side. Thread-safe as documented in the package.
 */
public final class RpcConnection implements Closeable {
    static final JsonCodec JSON = new JsonCodec();

    private final Closeable channels;
    private final RpcSettings settings;
    private final LinkState link = new LinkState();
    private final FrameReader reader;
    private final FrameWriter writer;
    private final StreamWriter streams;
    private final Liveness liveness;
    private final CallSlot slot = new CallSlot();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean serving;
    /** Server: the response stream being sent, closed with the channels (a stalled producer is killed). */
    private final java.util.concurrent.atomic.AtomicReference<Closeable> producer =
            new java.util.concurrent.atomic.AtomicReference<>();
    /** Server: since when it waits for a call (System.nanoTime), or IN_CALL, or IDLE_CLOSED. */
    private final java.util.concurrent.atomic.AtomicLong waitingSince = new java.util.concurrent.atomic.AtomicLong(IN_CALL);
    private static final long IN_CALL = Long.MIN_VALUE;
    private static final long IDLE_CLOSED = Long.MIN_VALUE + 1;

    private RpcConnection(ReadableByteChannel in, WritableByteChannel out, Closeable channels, RpcSettings settings) {
        this.channels = channels;
        this.settings = settings;
        this.reader = new FrameReader(in, link);
        this.writer = new FrameWriter(out, link);
        this.streams = new StreamWriter(writer, settings.streamChunk());
        this.liveness = new Liveness(this, reader, writer, settings);
    }

    /**
     * Exchanges handshakes (bounded by the handshake timeout) and starts the liveness timer.
     * On failure the channels are closed and the reason thrown.
     *
     * @param onClose closes both channels (and whatever holds them); called exactly once
     */
    public static RpcConnection open(ReadableByteChannel in, WritableByteChannel out, Closeable onClose,
                                     RpcSettings settings) throws ProtocolException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(settings, "settings");
        Closeable channels = onClose != null ? onClose : () -> {
            try (in; out) {
                // close both
            }
        };
        RpcConnection c = new RpcConnection(in, out, channels, settings);
        Task deadline = Liveness.after(settings, "handshake deadline", settings.handshakeTimeout(), () -> c.terminate(
                new ProtocolException(HANDSHAKE_TIMEOUT, "no handshake from peer within " + settings.handshakeTimeout())));
        try {
            Handshake.send(out, c.link);
            Handshake.receive(in, c.link);
        } catch (ProtocolException e) {
            ProtocolException cause = c.link.end(e);
            c.terminate(cause);
            throw cause;
        } finally {
            deadline.cancel();
        }
        c.liveness.start();
        return c;
    }

    /** {@link #open} over a transport wire; closing the connection closes the wire. */
    public static RpcConnection open(Wire wire, RpcSettings settings) throws ProtocolException {
        return open(wire.in(), wire.out(), wire, settings);
    }

    /**
     * {@link #open} over a pair of streams (an SSH channel's, say). Closing {@code onClose} must
     * unblock a read in progress on {@code in}.
     */
    public static RpcConnection open(InputStream in, OutputStream out, Closeable onClose, RpcSettings settings)
            throws ProtocolException {
        Objects.requireNonNull(onClose, "onClose");
        return open(Channels.newChannel(in), Channels.newChannel(out), onClose, settings);
    }

    public RpcSettings settings() {
        return settings;
    }

    /** True until the connection is closed, aborted or broken. */
    public boolean isOpen() {
        return !closed.get();
    }

    /** Why the connection ended, or null while it is open or after an orderly close. */
    public ProtocolException failure() {
        return link.cause();
    }

    /**
     * Orderly close from the client side, between calls: CLOSE, wait for CLOSE_ACK (bounded by
     * the close timeout), close the channels. If a call is still in progress (a response stream
     * not read to its end), or this side is the one serving, the connection is aborted instead
     * (RST). Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed.get()) {
            return;
        }
        if (serving) {
            abort("server shutting down");
            return;
        }
        if (!slot.tryAcquire()) {
            abort("connection closed during call " + slot.current());
            return;
        }
        Task deadline = Liveness.after(settings, "close deadline", settings.closeTimeout(), () -> terminate(
                new ProtocolException(ProtocolException.Code.IDLE_TIMEOUT, "no CLOSE_ACK within " + settings.closeTimeout())));
        try {
            writer.close();
            FrameHeader h = reader.next();
            if (h.type() == FrameType.CLOSE) {
                // the server closed this idle connection at the same time: closed either way
                closeChannels();
                return;
            }
            if (h.type() != FrameType.CLOSE_ACK) {
                throw new ProtocolException(UNEXPECTED_FRAME, h.type() + " frame after CLOSE, expected CLOSE_ACK");
            }
            closeChannels();
        } catch (ProtocolException e) {
            terminate(e);
            throw e;
        } finally {
            deadline.cancel();
        }
    }

    /** Sends RST with the reason (unless a write is blocked) and closes the channels. */
    public void abort(String reason) {
        terminate(new ProtocolException(CLOSED, "aborted: " + reason));
    }

    /**
     * Ends the connection for the given reason: records it, tells the peer with RST if it broke
     * the protocol or we abort, and closes the channels, which unblocks any read or write.
     */
    void terminate(ProtocolException reason) {
        ProtocolException cause = link.end(reason);
        if (!closed.get() && tellsPeer(cause.code())) {
            writer.tryRst(cause.getMessage());
        }
        closeChannels();
    }

    /**
     * Server side: answer CLOSE, then expect the peer's EOF (a frame instead is an error). A peer
     * that keeps its side open past the close timeout is simply cut off: the close is complete.
     */
    void acknowledgeClose() throws ProtocolException {
        AtomicBoolean cutOff = new AtomicBoolean();
        Task deadline = Liveness.after(settings, "close deadline", settings.closeTimeout(), () -> {
            cutOff.set(true);
            closeChannels();
        });
        try {
            writer.closeAck();
            if (!reader.atEof()) {
                throw new ProtocolException(UNEXPECTED_FRAME, "data after CLOSE");
            }
        } catch (ProtocolException e) {
            if (!cutOff.get()) {
                terminate(e);
                throw e;
            }
        } finally {
            deadline.cancel();
            closeChannels();
        }
    }

    // ---- one call at a time

    /** Takes the call slot, waiting for another thread's call to finish. */
    CallSlot.Call beginCall(String endpoint) throws IOException {
        link.check();
        if (closed.get()) {
            throw new ProtocolException(CLOSED, "connection is closed");
        }
        CallSlot.Call call = slot.acquire(endpoint);
        ProtocolException gone = link.cause();
        if (gone != null || closed.get()) {
            call.end();
            link.check();
            throw new ProtocolException(CLOSED, "connection is closed");
        }
        return call;
    }

    /** The connection broke during the call: end the connection for good, then the call. */
    ProtocolException broken(CallSlot.Call call, ProtocolException e) {
        terminate(e);
        call.end();
        return e;
    }

    FrameReader reader() {
        return reader;
    }

    FrameWriter writer() {
        return writer;
    }

    StreamWriter streams() {
        return streams;
    }

    /** This side serves calls: it sends CLOSE only when idle, and closing it means RST. */
    void serving() {
        serving = true;
    }

    /** Server: waiting for the next call from now on. */
    void awaitingCall() {
        waitingSince.compareAndSet(IN_CALL, System.nanoTime());
    }

    /**
     * Server: a call's HEADER arrived. False if the connection was closed as idle first: then the
     * call must not run (the client was told with CLOSE that no call after it runs).
     */
    boolean callArrived() {
        long since = waitingSince.get();
        return since != IDLE_CLOSED && waitingSince.compareAndSet(since, IN_CALL);
    }

    /** True if this side has waited for a call for longer than {@code limitNanos}. */
    boolean waitingForCallLongerThan(long now, long limitNanos) {
        long since = waitingSince.get();
        return serving && since != IN_CALL && since != IDLE_CLOSED && now - since > limitNanos;
    }

    /** True if this (serving) side closed the connection for lack of calls. */
    public boolean closedAsIdle() {
        return waitingSince.get() == IDLE_CLOSED;
    }

    /**
     * Server, from the liveness timer: CLOSE, unless a call arrived in the meantime. The serving
     * thread goes on reading (and discarding) until the client's EOF or CLOSE, so that the client's
     * heartbeats and a late call still reach an open pipe and the client reads the CLOSE; the
     * channels are closed then, or after the close timeout at the latest.
     */
    void closeIdle(String why) {
        long since = waitingSince.get();
        if (since == IN_CALL || since == IDLE_CLOSED || !waitingSince.compareAndSet(since, IDLE_CLOSED)) {
            return;
        }
        link.end(new ProtocolException(CLOSED, "closed by this side: " + why));
        Liveness.after(settings, "close channels", settings.closeTimeout(), this::closeChannels);
        if (!writer.tryClose()) {
            closeChannels();
        }
    }

    /** Server, after an idle close: the serving thread is done with the connection. */
    void finishIdleClose() {
        closeChannels();
    }

    void heartbeats(boolean on) {
        liveness.heartbeats(on);
    }

    /**
     * Server: {@code stream} is being sent; if the connection ends before {@link #producerDone}, it
     * is closed from the thread that ends it: a producer blocked in a read (a stopped {@code zfs send})
     * would otherwise keep the serving thread, and its process, forever.
     */
    void producing(Closeable stream) {
        producer.set(stream);
        if (closed.get()) {
            closeProducer();
        }
    }

    void producerDone() {
        producer.set(null);
    }

    private void closeProducer() {
        Closeable p = producer.getAndSet(null);
        if (p != null) {
            try {
                p.close();
            } catch (IOException | RuntimeException e) {
                // the serving thread reports the producer's failure
            }
        }
    }

    private void closeChannels() {
        if (closed.compareAndSet(false, true)) {
            liveness.stop();
            writer.shutdown();
            try {
                channels.close();
            } catch (IOException e) {
                // nothing left to do with them
            }
            closeProducer();
        }
    }

    private static boolean tellsPeer(ProtocolException.Code code) {
        return switch (code) {
            case PEER_EOF, PEER_RESET, IO_ERROR, IDLE_TIMEOUT, HANDSHAKE_TIMEOUT, TRUNCATED_FRAME, BAD_HANDSHAKE,
                 VERSION_MISMATCH -> false;
            default -> true;
        };
    }
}
