package org.jzrepl.endpoint;

import java.io.IOException;
import java.io.InputStream;
import org.jzrepl.endpoint.Messages.ReceiveRequest;

/** The side that keeps the copies: a sink job (served) or a pull job (local). */
public interface Receiver extends Endpoint {

    /**
     * Receives one step's stream below the receiver's root (creating placeholder parents),
     * resumably; checks the received snapshot's guid and moves the last-received hold.
     */
    void receive(ReceiveRequest request, InputStream stream) throws EndpointException, IOException;
}
