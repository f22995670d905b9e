package org.jzrepl.rpc.message;

import java.util.Objects;
import java.util.regex.Pattern;

/** The first frame of a call: which endpoint, and which body parts follow. */
public record RequestHeader(String endpoint, BodyKind body) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");

    public RequestHeader {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(body, "body");
        if (!NAME.matcher(endpoint).matches()) {
            throw new IllegalArgumentException("endpoint name must match " + NAME + ": '" + endpoint + "'");
        }
    }
}
