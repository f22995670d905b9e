package org.jzrepl.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.jzrepl.rpc.frame.FrameHeader;
import org.jzrepl.rpc.frame.FrameReader;
import org.jzrepl.rpc.frame.FrameType;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.rpc.message.BodyKind;
import org.jzrepl.rpc.message.JsonBodyException;
import org.jzrepl.rpc.message.RequestHeader;
import org.jzrepl.rpc.message.ResponseHeader;
import org.jzrepl.rpc.message.RpcRemoteException;
import org.jzrepl.rpc.stream.FrameInputStream;
import org.jzrepl.util.LogText;

import static org.jzrepl.rpc.RpcConnection.JSON;
import static org.jzrepl.rpc.frame.ProtocolException.Code.CLOSED;
import static org.jzrepl.rpc.frame.ProtocolException.Code.UNEXPECTED_FRAME;

/**
 * The client side: a {@link Proxy} of an endpoint interface whose methods are calls on one
 * connection. Adding a call is adding a method to the interface; see {@link EndpointMethod} for
 * the signatures allowed. Calls from several threads wait for each other; a call from the thread
 * that still holds an unread response stream fails with IllegalStateException.
 */
public final class RpcClient {
    private RpcClient() {
    }

    public static <T> T proxy(Class<T> iface, RpcConnection connection) {
        Map<Method, EndpointMethod> byMethod = new HashMap<>();
        EndpointMethod.of(iface).values().forEach(e -> byMethod.put(e.method(), e));
        return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface},
                new Handler(iface, connection, Map.copyOf(byMethod))));
    }

    private record Handler(Class<?> iface, RpcConnection conn, Map<Method, EndpointMethod> methods)
            implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "RpcClient proxy of " + iface.getName();
                };
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return call(methods.get(method), args == null ? new Object[0] : args);
        }

        private Object call(EndpointMethod e, Object[] args) throws IOException {
            InputStream requestStream = e.streamParam() >= 0 ? (InputStream) args[e.streamParam()] : null;
            if (e.streamParam() >= 0 && requestStream == null) {
                throw new NullPointerException(e.name() + ": the request stream is null");
            }
            if (e.jsonParam() >= 0 && args[e.jsonParam()] == null) {
                throw new NullPointerException(e.name() + ": the request is null");
            }
            byte[] header = JSON.encode(new RequestHeader(e.name(), e.request()));
            byte[] body = e.request().hasJson() ? JSON.encode(args[e.jsonParam()]) : null;
            CallSlot.Call call = conn.beginCall(e.name());
            FrameReader reader = conn.reader();
            try {
                conn.writer().header(header);
                if (body != null) {
                    conn.streams().writeBytes(body);
                }
                IOException producerFailure = requestStream != null ? conn.streams().pump(requestStream) : null;
                ResponseHeader response = readResponseHeader(reader, e);
                if (!response.isOk()) {
                    call.end();
                    IOException remote = remote(e, response);
                    if (producerFailure != null) {
                        producerFailure.addSuppressed(remote);
                        throw producerFailure;
                    }
                    throw remote;
                }
                Object value = null;
                if (e.response().hasJson()) {
                    value = readJson(reader, e, call);
                }
                if (producerFailure != null) {
                    drainStream(reader, e.response());
                    call.end();
                    throw producerFailure;
                }
                if (!e.response().hasStream()) {
                    call.end();
                    return value;
                }
                FrameInputStream stream = new FrameInputStream(reader, Long.MAX_VALUE, true, broken -> {
                    if (broken != null) {
                        conn.broken(call, broken);
                    } else {
                        call.end();
                    }
                });
                return e.response() == BodyKind.STREAM ? stream : new Streamed<>(value, stream);
            } catch (ProtocolException pe) {
                throw conn.broken(call, pe);
            } catch (RuntimeException | Error x) {
                conn.broken(call, new ProtocolException(CLOSED, "call " + e.name() + " failed locally: " + x));
                throw x;
            }
        }

        private static ResponseHeader readResponseHeader(FrameReader reader, EndpointMethod e) throws ProtocolException {
            FrameHeader h = reader.next();
            if (h.type() == FrameType.CLOSE) {
                throw new ProtocolException(ProtocolException.Code.PEER_CLOSED, "the server closed the connection before"
                        + " it read the call " + e.name() + " (it closes connections that had no call for its"
                        + " idle_connection_timeout); the call did not run");
            }
            if (h.type() != FrameType.HEADER) {
                throw new ProtocolException(UNEXPECTED_FRAME, h.type() + " frame, expected the response header of " + e.name());
            }
            ResponseHeader response = JSON.responseHeader(reader.payloadBytes());
            if (response.isOk() && response.body() != e.response()) {
                throw new ProtocolException(UNEXPECTED_FRAME, e.name() + " answered with body " + response.body()
                        + ", the interface expects " + e.response() + " (do both sides run the same version?)");
            }
            return response;
        }

        private static Object readJson(FrameReader reader, EndpointMethod e, CallSlot.Call call) throws IOException {
            FrameInputStream in = FrameInputStream.json(reader, broken -> { });
            try {
                return JSON.body(in, e.valueType());
            } catch (JsonBodyException bad) {
                in.close();
                drainStream(reader, e.response());
                call.end();
                throw bad;
            } finally {
                in.close();
            }
        }

        private static void drainStream(FrameReader reader, BodyKind kind) throws IOException {
            if (kind.hasStream()) {
                new FrameInputStream(reader, Long.MAX_VALUE, true, broken -> { }).close();
            }
        }

        /** The peer's code and message are escaped here, where they enter: callers log them. */
        private static IOException remote(EndpointMethod e, ResponseHeader r) {
            Class<? extends RpcRemoteException> type = r.errorType() == null ? null : e.errors().get(r.errorType());
            String code = LogText.escape(r.errorCode(), 200);
            String message = LogText.escape(r.message());
            if (type != null) {
                try {
                    return type.getConstructor(String.class, String.class).newInstance(code, message);
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // no usable constructor: fall back to the base type, code and message intact
                }
            }
            return new RpcRemoteException(code, message);
        }
    }
}
