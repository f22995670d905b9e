package org.jzrepl.rpc;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A response with a JSON value and a byte stream, e.g. {@code Streamed<SendResponse> send(SendRequest)}.
 * On the server the implementation returns it, and the RPC layer sends and then closes the
 * stream; on the client the stream reads the response's DATA frames, and must be read to its
 * end or closed before the next call on the same connection.
 */
public record Streamed<T>(T value, InputStream stream) implements Closeable {

    public Streamed {
        Objects.requireNonNull(stream, "stream");
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
