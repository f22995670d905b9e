package org.jzrepl.rpc.stream;

import java.io.IOException;

/**
 * The producer of a byte stream failed part-way (for example {@code zfs send} died) and said why
 * in an ERROR_TRAILER. The bytes read so far are incomplete; the connection itself is fine and
 * the call's response (or the next call) can proceed.
 */
public class StreamException extends IOException {
    private final String reason;

    public StreamException(String reason) {
        super("stream failed at the producer: " + reason);
        this.reason = reason;
    }

    /** The producer's reason, as it sent it. */
    public String reason() {
        return reason;
    }
}
