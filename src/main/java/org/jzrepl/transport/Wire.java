package org.jzrepl.transport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * One bidirectional byte pipe between two jzrepl processes: the pipes a forced command handed
 * over, an SSH exec channel, one end of a socketpair, a TCP connection.
 *
 * <p>The RPC layer only ever sees these two channels. Reads block; there are no socket timeouts
 * on every kind of wire (pipes have none), so liveness is the RPC layer's job.
 */
public interface Wire extends Closeable {

    /** Bytes from the peer. Returns -1 once the peer has closed its writing side. */
    ReadableByteChannel in();

    /** Bytes to the peer. */
    WritableByteChannel out();

    /** Half-close: the peer sees EOF, reading goes on. Idempotent. */
    void closeWrite() throws IOException;

    /** Releases everything the wire holds (fds, channels, sessions). Idempotent. */
    @Override
    void close() throws IOException;
}
