package org.jzrepl.transport.ssh;

import java.io.IOException;
import java.io.InputStream;

/** The endpoint the RPC-over-transport tests serve and call: a ping and a stream each way. */
public interface WireTestEndpoint {
    record Ping(String message) {
    }

    record Pong(String echo, String clientIdentity) {
    }

    record Size(long bytes, long seed) {
    }

    record Digest(long bytes, long crc) {
    }

    Pong ping(Ping ping) throws IOException;

    Digest upload(InputStream data) throws IOException;

    InputStream download(Size size) throws IOException;
}
