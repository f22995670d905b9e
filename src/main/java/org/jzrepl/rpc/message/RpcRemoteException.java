package org.jzrepl.rpc.message;

import java.io.IOException;
import java.util.Objects;

/**
 * A call failed on the server; the connection is fine. Thrown by an endpoint implementation to
 * send a code and message to the client, and rethrown there. The {@code rpc.*} codes are the
 * RPC layer's own ({@link #UNKNOWN_ENDPOINT} and friends); endpoint layers define theirs.
 *
 * <p>A subclass comes back as that subclass if the client knows it (declared in the method's
 * {@code throws} clause, or named by {@code @RemoteExceptions} on the endpoint interface) and it
 * has a public {@code (String code, String message)} constructor; otherwise as a plain
 * {@code RpcRemoteException} with the same code and message.
 */
public class RpcRemoteException extends IOException {
    /** The server has no endpoint of that name (client and server disagree on the interface). */
    public static final String UNKNOWN_ENDPOINT = "rpc.unknown_endpoint";
    /** The request's body kind is not what the endpoint's signature takes. */
    public static final String WRONG_BODY_KIND = "rpc.wrong_body_kind";
    /** The request JSON did not bind to the endpoint's parameter type. */
    public static final String BAD_REQUEST = "rpc.bad_request";
    /** The client's request stream failed at its producer (ERROR_TRAILER). */
    public static final String REQUEST_STREAM_FAILED = "rpc.request_stream_failed";
    /** The endpoint implementation threw something that is not an RpcRemoteException. */
    public static final String INTERNAL = "rpc.internal";

    private final String code;

    public RpcRemoteException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": [" + code + "] " + getMessage();
    }
}
