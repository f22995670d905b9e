package org.jzrepl.transport;

import java.io.Closeable;
import java.io.IOException;

/**
 * The active side of a transport: dials the passive side and returns a fresh {@link Wire}, one per
 * RPC connection. Thread-safe: several threads may dial at once (each gets its own wire).
 * {@link #close()} releases what the connecter shares between its wires (an SSH session, a client
 * thread pool); wires already handed out keep working until they are closed or the shared
 * resource goes away, whichever comes first.
 */
public interface Connecter extends Closeable {

    /**
     * Dials within the connecter's dial timeout.
     *
     * @throws TransportException with a {@link TransportException.Kind} saying whether retrying can help
     */
    Wire connect() throws IOException;

    /** Idempotent. The default holds nothing. */
    @Override
    default void close() throws IOException {
    }
}
