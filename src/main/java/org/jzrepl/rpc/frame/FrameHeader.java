package org.jzrepl.rpc.frame;

import java.util.Objects;

/** A decoded frame header: its type and payload length, within the type's cap. */
public record FrameHeader(FrameType type, int length) {

    public FrameHeader {
        Objects.requireNonNull(type, "type");
        if (length < 0 || length > type.maxLength()) {
            throw new IllegalArgumentException(type + " payload " + length + " outside 0.." + type.maxLength());
        }
    }
}
