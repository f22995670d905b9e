package org.jzrepl.transport;

import java.io.Closeable;
import java.io.IOException;

/**
 * The passive side of a transport: hands out wires whose peer has been authenticated, each with
 * the client identity the transport established (socket name, certificate CN, switchboard name).
 * {@link #accept()} may be called from one thread or several; {@link #close()} from any thread
 * makes pending and later {@code accept()} calls throw {@link java.nio.channels.ClosedChannelException}.
 */
public interface AuthenticatedListener extends Closeable {

    /** Blocks until a client has connected and passed the transport's hand-over. */
    AuthenticatedWire accept() throws IOException;

    /** Connections refused so far because of the listener's connection caps (0 without caps). */
    default long refusedConnections() {
        return 0;
    }

    /** Stops listening and frees the address; wires already accepted stay open. Idempotent. */
    @Override
    void close() throws IOException;
}
