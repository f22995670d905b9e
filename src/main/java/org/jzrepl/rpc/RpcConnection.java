package org.jzrepl.rpc;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import org.jzrepl.rpc.frame.FrameReader;
import org.jzrepl.rpc.frame.FrameWriter;
import org.jzrepl.rpc.frame.LinkState;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.rpc.message.JsonCodec;
import org.jzrepl.rpc.stream.StreamWriter;
import org.jzrepl.transport.Wire;
import static org.jzrepl.rpc.frame.ProtocolException.Code.CLOSED;

/**
 * One RPC connection over a pair of blocking byte channels, after the version handshake: the
 * frame reader and writer, the liveness timer, the call slot (one call at a time) and the
 * teardown ({@link Teardown}; the serving side's state {@link ServingSide}). Use it
 * with {@link RpcClient#proxy} on the active side or {@link RpcServer#serve} on the passive
 * side. Thread-safe as documented in the package.
 */
public final class RpcConnection implements Closeable {
    static final JsonCodec JSON = new JsonCodec();

    private final RpcSettings settings;
    private final LinkState link = new LinkState();
    private final FrameReader reader;
    private final FrameWriter writer;
    private final StreamWriter streams;
    private final Liveness liveness;
    private final Teardown end;
    private final CallSlot slot = new CallSlot();
    private final ServingSide side = new ServingSide();

    private RpcConnection(ReadableByteChannel in, WritableByteChannel out, Closeable channels, RpcSettings settings) {
        this.settings = settings;
        this.reader = new FrameReader(in, link);
        this.writer = new FrameWriter(out, link);
        this.streams = new StreamWriter(writer, settings.streamChunk());
        this.liveness = new Liveness(this, reader, writer, settings);
        this.end = new Teardown(channels, settings, link, reader, writer, liveness);
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
        Handshake.exchange(in, out, c.link, settings, c::terminate);
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
        return !end.isClosed();
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
        if (end.isClosed()) {
            return;
        }
        if (side.isServing()) {
            abort("server shutting down");
            return;
        }
        if (!slot.tryAcquire()) {
            abort("connection closed during call " + slot.current());
            return;
        }
        end.closeOrderly();
    }

    /** Sends RST with the reason (unless a write is blocked) and closes the channels. */
    public void abort(String reason) {
        terminate(new ProtocolException(CLOSED, "aborted: " + reason));
    }

    /** Ends the connection for the given reason (see {@link Teardown#terminate}). */
    void terminate(ProtocolException reason) {
        end.terminate(reason);
    }

    /** Server side: answers the peer's CLOSE (see {@link Teardown#acknowledgeClose}). */
    void acknowledgeClose() throws ProtocolException {
        end.acknowledgeClose();
    }

    // ---- one call at a time

    /** Takes the call slot, waiting for another thread's call to finish. */
    CallSlot.Call beginCall(String endpoint) throws IOException {
        link.check();
        if (end.isClosed()) {
            throw new ProtocolException(CLOSED, "connection is closed");
        }
        CallSlot.Call call = slot.acquire(endpoint);
        ProtocolException gone = link.cause();
        if (gone != null || end.isClosed()) {
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

    /** The serving side's state, for {@link RpcServer} and the liveness timer. */
    ServingSide side() {
        return side;
    }

    /** True if this (serving) side closed the connection for lack of calls. */
    public boolean closedAsIdle() {
        return side.closedAsIdle();
    }

    /** Server, from the liveness timer: CLOSE unless a call arrived meanwhile ({@link Teardown#closeIdle}). */
    void closeIdle(String why) {
        if (side.closeAsIdle()) {
            end.closeIdle(why);
        }
    }

    /** Server, after an idle close: the serving thread is done with the connection. */
    void finishIdleClose() {
        end.closeChannels();
    }

    void heartbeats(boolean on) {
        liveness.heartbeats(on);
    }

    /** Server: {@code stream} is being sent until {@link #producerDone} (see {@link Teardown#producing}). */
    void producing(Closeable stream) {
        end.producing(stream);
    }

    void producerDone() {
        end.producerDone();
    }
}
