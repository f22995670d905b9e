package org.jzrepl.rpc.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The first frame of a response: OK with the body parts that follow, or ERROR with a code, the
 * exception type the server threw (simple name, may be null) and a message; ERROR has no body.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseHeader(Status status, BodyKind body, String errorCode, String errorType, String message) {

    public enum Status { OK, ERROR }

    public ResponseHeader {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(body, "body");
        if (status == Status.OK && (errorCode != null || errorType != null || message != null)) {
            throw new IllegalArgumentException("OK response with error fields");
        }
        if (status == Status.ERROR) {
            if (body != BodyKind.NONE) {
                throw new IllegalArgumentException("ERROR response with a body");
            }
            if (errorCode == null || errorCode.isBlank()) {
                throw new IllegalArgumentException("ERROR response without a code");
            }
            message = message == null ? "" : message;
        }
    }

    public static ResponseHeader ok(BodyKind body) {
        return new ResponseHeader(Status.OK, body, null, null, null);
    }

    public static ResponseHeader error(String code, String type, String message) {
        return new ResponseHeader(Status.ERROR, BodyKind.NONE, code, type, message);
    }

    @JsonIgnore
    public boolean isOk() {
        return status == Status.OK;
    }
}
