package org.jzrepl.transport.tcp;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import org.jzrepl.transport.AuthenticatedWire;

/**
 * What a tcp-based listener does with a fresh connection before the job sees it: establish the
 * client identity (tcp: from the address; tls: handshake and certificate CN) and take a connection
 * cap. Runs on its own task, bounded by the listener's handshake timeout. On refusal it tells the
 * client why ({@link Refusal}) and throws; the listener closes the socket and logs the message.
 */
@FunctionalInterface
public interface Handover {

    /**
     * @param socket a connected blocking channel; closed by the caller when this throws
     * @return the wire, owned by the caller from now on
     */
    AuthenticatedWire authenticate(SocketChannel socket) throws IOException;
}
