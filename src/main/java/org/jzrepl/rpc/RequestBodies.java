package org.jzrepl.rpc;

import java.io.IOException;
import org.jzrepl.rpc.frame.FrameReader;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.rpc.message.BodyKind;
import org.jzrepl.rpc.message.JsonBodyException;
import org.jzrepl.rpc.stream.FrameInputStream;

import static org.jzrepl.rpc.RpcConnection.JSON;

/**
 * Reads the body of a request {@link RpcServer} handles: its JSON part into the endpoint's
 * request value, and drains (reads and discards) the parts of a call that will not be served or
 * that the implementation left unread. Used on the serving thread only.
 */
final class RequestBodies {
    private final FrameReader reader;

    RequestBodies(FrameReader reader) {
        this.reader = reader;
    }

    /** The request value of a call to {@code e}, from its JSON part (drained in any case); null is refused. */
    Object readJson(EndpointMethod e) throws ProtocolException, JsonBodyException {
        FrameInputStream in = FrameInputStream.json(reader, pe -> { });
        try {
            Object value = JSON.body(in, e.jsonType());
            if (value == null) {
                throw new JsonBodyException("request body of " + e.name() + " is null", null);
            }
            return value;
        } catch (ProtocolException | JsonBodyException x) {
            throw x;
        } catch (IOException x) {
            throw new JsonBodyException("reading JSON body failed: " + x, x);
        } finally {
            drain(in);
        }
    }

    /** Reads and discards the body parts of a call that will not be served. */
    void drain(BodyKind kind) throws ProtocolException {
        if (kind.hasJson()) {
            drain(FrameInputStream.json(reader, pe -> { }));
        }
        if (kind.hasStream()) {
            drain(new FrameInputStream(reader, Long.MAX_VALUE, true, pe -> { }));
        }
    }

    /** Closes (drains) a body part; only a connection failure can make that fail. */
    static void drain(FrameInputStream in) throws ProtocolException {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (ProtocolException pe) {
            throw pe;
        } catch (IOException io) {
            throw new IllegalStateException("draining a body part fails only on the connection", io);
        }
    }
}
