package org.jzrepl.rpc.message;

import java.io.IOException;

/** A JSON body did not parse or bind to its Java type; the body was consumed, the connection is fine. */
public class JsonBodyException extends IOException {
    public JsonBodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
