package org.jzrepl.testing.sshd;

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

    record FileRequest(String path) {
    }

    Pong ping(Ping ping) throws IOException;

    Digest upload(InputStream data) throws IOException;

    InputStream download(Size size) throws IOException;

    /** The bytes of a file on the daemon's host (benchmarks). */
    InputStream file(FileRequest request) throws IOException;
}
