package org.jzrepl.replication.driver;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.endpoint.Sender;

/**
 * A sender and a receiver, each to run one call at a time on: for a remote side, one RPC
 * connection (the other side is the local endpoint, so the two sides may be called concurrently:
 * a step receives on its own thread while it sends). The driver uses a session from one step at a
 * time (it may hand a session from the planning thread to a step worker) and closes it when done
 * or when a call failed with a connectivity error.
 *
 * <p>{@link #close()} may also be called from another thread to cancel: calls in progress on the
 * session must then fail promptly (closing the RPC connection does that). Closing twice is harmless.
 */
public interface EndpointSession extends Closeable {

    Sender sender();

    Receiver receiver();

    @Override
    void close() throws IOException;

    /**
     * A session of these two endpoints; {@code connection} (the RPC connection, or a no-op for two
     * local endpoints) is closed once, on the first {@link #close()}.
     */
    static EndpointSession of(Sender sender, Receiver receiver, Closeable connection) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(connection, "connection");
        AtomicBoolean closed = new AtomicBoolean();
        return new EndpointSession() {
            @Override
            public Sender sender() {
                return sender;
            }

            @Override
            public Receiver receiver() {
                return receiver;
            }

            @Override
            public void close() throws IOException {
                if (closed.compareAndSet(false, true)) {
                    connection.close();
                }
            }

            @Override
            public String toString() {
                return "EndpointSession[" + connection + "]";
            }
        };
    }
}
