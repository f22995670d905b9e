package org.jzrepl.rpc;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Objects;
import org.jzrepl.rpc.frame.FrameHeader;
import org.jzrepl.rpc.frame.FrameReader;
import org.jzrepl.rpc.frame.FrameType;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.rpc.message.BodyKind;
import org.jzrepl.rpc.message.JsonBodyException;
import org.jzrepl.rpc.message.RequestHeader;
import org.jzrepl.rpc.message.RpcRemoteException;
import org.jzrepl.rpc.stream.FrameInputStream;

import static org.jzrepl.rpc.RpcConnection.JSON;
import static org.jzrepl.rpc.frame.ProtocolException.Code.UNEXPECTED_FRAME;

/**
 * The server side: reads calls from a connection and dispatches each, by reflection over the
 * endpoint interface, to the implementation, on the calling thread, one after the other. A call
 * that fails (unknown endpoint, wrong body kind, bad JSON, an exception from the implementation)
 * is answered with an error code and the loop goes on; a protocol error ends the connection.
 * {@link RequestBodies} reads the request bodies, {@link Responder} writes the responses.
 */
public final class RpcServer<T> {
    private final RpcConnection conn;
    private final FrameReader reader;
    private final Map<String, EndpointMethod> methods;
    private final T impl;
    private final Responder responder;
    private final RequestBodies bodies;

    private RpcServer(RpcConnection conn, Map<String, EndpointMethod> methods, T impl) {
        this.conn = conn;
        this.reader = conn.reader();
        this.methods = methods;
        this.impl = impl;
        this.responder = new Responder(conn);
        this.bodies = new RequestBodies(reader);
    }

    /** How a connection served to its end ended. */
    public enum Ending {
        /** The client closed it with CLOSE. */
        CLIENT_CLOSED,
        /** This side closed it with CLOSE: no call for the call idle timeout. */
        IDLE_CLOSED
    }

    /**
     * Serves calls until the peer closes with CLOSE or this side closes the connection for lack of
     * calls (returns how, channels closed), or the connection fails (the channels are closed and
     * the ProtocolException thrown).
     */
    public static <T> Ending serve(RpcConnection connection, Class<T> iface, T impl) throws ProtocolException {
        Objects.requireNonNull(impl, "impl");
        return new RpcServer<>(connection, EndpointMethod.of(iface), iface.cast(impl)).run();
    }

    private Ending run() throws ProtocolException {
        ServingSide side = conn.side();
        side.serve();
        conn.heartbeats(false);
        try {
            while (true) {
                side.awaitingCall();
                FrameHeader h = reader.next();
                switch (h.type()) {
                    case CLOSE -> {
                        if (side.closedAsIdle()) {
                            conn.finishIdleClose();
                            return Ending.IDLE_CLOSED;
                        }
                        conn.acknowledgeClose();
                        return Ending.CLIENT_CLOSED;
                    }
                    case HEADER -> {
                        if (!side.callArrived()) {
                            return lingerAfterIdleClose();
                        }
                        handle(JSON.requestHeader(reader.payloadBytes()));
                    }
                    default -> throw new ProtocolException(UNEXPECTED_FRAME,
                            h.type() + " frame between calls, expected a request HEADER or CLOSE");
                }
            }
        } catch (ProtocolException e) {
            if (side.closedAsIdle()) {
                conn.finishIdleClose();
                return Ending.IDLE_CLOSED;
            }
            conn.terminate(e);
            throw e;
        }
    }

    /**
     * After this side's idle CLOSE a call came in anyway: it does not run. Reads and discards what
     * the client still sends until its EOF or CLOSE, or until the close timeout closes the channels.
     */
    private Ending lingerAfterIdleClose() {
        try {
            while (true) {
                reader.skipPayload();
                if (reader.next().type() == FrameType.CLOSE) {
                    break;
                }
            }
        } catch (ProtocolException endOfLinger) {
            // the client's EOF, or the close deadline closed the channels
        }
        conn.finishIdleClose();
        return Ending.IDLE_CLOSED;
    }

    private void handle(RequestHeader request) throws ProtocolException {
        EndpointMethod e = methods.get(request.endpoint());
        if (e == null) {
            bodies.drain(request.body());
            responder.respondError(RpcRemoteException.UNKNOWN_ENDPOINT, null,
                    "no endpoint " + request.endpoint() + " here; known: " + methods.keySet());
            return;
        }
        if (e.request() != request.body()) {
            bodies.drain(request.body());
            responder.respondError(RpcRemoteException.WRONG_BODY_KIND, null,
                    e.name() + " takes a " + e.request() + " body, the request has " + request.body());
            return;
        }
        Object[] args = new Object[e.method().getParameterCount()];
        if (e.request().hasJson()) {
            try {
                args[e.jsonParam()] = bodies.readJson(e);
            } catch (JsonBodyException bad) {
                bodies.drain(e.request().hasStream() ? BodyKind.STREAM : BodyKind.NONE);
                responder.respondError(RpcRemoteException.BAD_REQUEST, null, bad.getMessage());
                return;
            }
        }
        conn.heartbeats(true);
        try {
            invokeAndRespond(e, args);
        } finally {
            conn.heartbeats(false);
        }
    }

    private void invokeAndRespond(EndpointMethod e, Object[] args) throws ProtocolException {
        ProtocolException[] broken = new ProtocolException[1];
        FrameInputStream requestStream = null;
        if (e.request().hasStream()) {
            requestStream = new FrameInputStream(reader, Long.MAX_VALUE, true, pe -> broken[0] = pe);
            args[e.streamParam()] = requestStream;
        }
        Object result = null;
        Throwable failure = null;
        try {
            e.method().setAccessible(true);
            result = e.method().invoke(impl, args);
        } catch (InvocationTargetException x) {
            failure = x.getCause();
        } catch (IllegalAccessException x) {
            failure = x;
        } finally {
            RequestBodies.drain(requestStream);
        }
        if (broken[0] != null) {
            throw broken[0];
        }
        if (failure != null) {
            responder.respondFailure(e, failure);
            return;
        }
        responder.respond(e, result);
    }
}
