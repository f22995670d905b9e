package org.jzrepl.rpc;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jzrepl.rpc.frame.FrameHeader;
import org.jzrepl.rpc.frame.FrameReader;
import org.jzrepl.rpc.frame.FrameType;
import org.jzrepl.rpc.frame.FrameWriter;
import org.jzrepl.rpc.frame.LinkState;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.runtime.Task;
import static org.jzrepl.rpc.frame.ProtocolException.Code.CLOSED;
import static org.jzrepl.rpc.frame.ProtocolException.Code.UNEXPECTED_FRAME;

/**
 * The ways one {@link RpcConnection} ends, each closing its channels exactly once: the client's
 * orderly close (CLOSE, CLOSE_ACK), the server's answer to it, the server's idle close, and
 * termination (a protocol error, a timeout, an abort: RST if the peer should hear why). Closing
 * the channels stops the liveness timer and closes the response stream being produced, if any.
 */
final class Teardown {
    private final Closeable channels;
    private final RpcSettings settings;
    private final LinkState link;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final Liveness liveness;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Server: the response stream being sent, closed with the channels (a stalled producer is killed). */
    private final AtomicReference<Closeable> producer = new AtomicReference<>();

    Teardown(Closeable channels, RpcSettings settings, LinkState link, FrameReader reader, FrameWriter writer,
             Liveness liveness) {
        this.channels = channels;
        this.settings = settings;
        this.link = link;
        this.reader = reader;
        this.writer = writer;
        this.liveness = liveness;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Client, between calls: CLOSE, then CLOSE_ACK (or the server's own CLOSE) within the close timeout. */
    void closeOrderly() throws ProtocolException {
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

    /**
     * Ends the connection for {@code reason}: records it, tells the peer with RST if it broke the
     * protocol or we abort (unless a write is blocked), and closes the channels, which unblocks any
     * read or write.
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

    /**
     * Server, for lack of calls: CLOSE. The serving thread goes on reading (and discarding) until
     * the client's EOF or CLOSE, so that the client's heartbeats and a late call still reach an open
     * pipe and the client reads the CLOSE; the channels are closed then, or after the close timeout
     * at the latest.
     */
    void closeIdle(String why) {
        link.end(new ProtocolException(CLOSED, "closed by this side: " + why));
        Liveness.after(settings, "close channels", settings.closeTimeout(), this::closeChannels);
        if (!writer.tryClose()) {
            closeChannels();
        }
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

    void closeChannels() {
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
