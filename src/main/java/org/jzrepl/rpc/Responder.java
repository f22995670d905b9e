package org.jzrepl.rpc;

import java.io.IOException;
import java.io.InputStream;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.rpc.message.BodyKind;
import org.jzrepl.rpc.message.ResponseHeader;
import org.jzrepl.rpc.message.RpcRemoteException;
import org.jzrepl.rpc.stream.StreamException;
import org.jzrepl.util.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.jzrepl.rpc.RpcConnection.JSON;

/**
 * Writes the response of a call {@link RpcServer} handles: the OK header with the endpoint's JSON
 * value and/or byte stream, or an error header with the code its failure maps to (a failure that
 * is no {@link RpcRemoteException} is logged as INTERNAL). Used on the serving thread only; logs as
 * {@link RpcServer}.
 */
final class Responder {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    private final RpcConnection conn;

    Responder(RpcConnection conn) {
        this.conn = conn;
    }

    void respond(EndpointMethod e, Object result) throws ProtocolException {
        InputStream stream = null;
        Object value = result;
        if (e.response() == BodyKind.STREAM) {
            stream = (InputStream) result;
        } else if (e.response() == BodyKind.JSON_STREAM && result != null) {
            stream = ((Streamed<?>) result).stream();
            value = ((Streamed<?>) result).value();
        }
        byte[] body;
        try {
            if (e.response().hasStream() && stream == null) {
                throw new IllegalStateException(e.name() + " returned no stream");
            }
            body = e.response().hasJson() ? JSON.encode(value) : null;
        } catch (RuntimeException x) {
            closeQuietly(stream);
            respondFailure(e, x);
            return;
        }
        try {
            conn.writer().header(JSON.encode(ResponseHeader.ok(e.response())));
            if (body != null) {
                conn.streams().writeBytes(body);
            }
            if (stream != null) {
                conn.producing(stream);
                IOException producerFailure = conn.streams().pump(stream);
                if (producerFailure != null) {
                    LOG.warn("response stream of {} failed, sent as error trailer: {}", e.name(),
                            LogText.escape(producerFailure.toString()));
                }
            }
        } finally {
            conn.producerDone();
            closeQuietly(stream);
        }
    }

    void respondFailure(EndpointMethod e, Throwable failure) throws ProtocolException {
        if (failure instanceof RpcRemoteException r) {
            respondError(r.code(), r.getClass() == RpcRemoteException.class ? null : r.getClass().getSimpleName(),
                    r.getMessage());
        } else if (failure instanceof StreamException s) {
            respondError(RpcRemoteException.REQUEST_STREAM_FAILED, null, s.reason());
        } else {
            logFailure(e, failure);
            respondError(RpcRemoteException.INTERNAL, failure.getClass().getSimpleName(), String.valueOf(failure));
        }
    }

    /** With the stack trace, unless the failure's text holds characters that could forge log lines. */
    private static void logFailure(EndpointMethod e, Throwable failure) {
        String text = String.valueOf(failure);
        String safe = LogText.escape(text);
        if (safe.equals(text)) {
            LOG.warn("endpoint {} failed", e.name(), failure);
        } else {
            LOG.warn("endpoint {} failed: {}", e.name(), safe);
            LOG.debug("endpoint {} failed (stack trace)", e.name(), failure);
        }
    }

    void respondError(String code, String type, String message) throws ProtocolException {
        conn.writer().header(JSON.encode(ResponseHeader.error(code, type, message)));
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException | RuntimeException x) {
                LOG.debug("closing a response stream failed", x);
            }
        }
    }
}
