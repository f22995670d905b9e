package org.jzrepl.rpc;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.jzrepl.rpc.frame.Bytes;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.testing.runtime.Runners;

/**
 * Runs a real server, handshake included, on the calling thread over an in-memory input: no
 * threads or sockets, so thousands of inputs a second can be fed to it. Records what it threw,
 * what it wrote and how many bytes this thread allocated meanwhile.
 */
final class InProcessServer {
    static final RpcSettings SETTINGS = RpcSettings.defaults(Runners.shared())
            .withLiveness(Duration.ofSeconds(5), Duration.ofSeconds(30)).withStreamChunk(4096);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    record Outcome(Throwable error, byte[] output, long allocated) {
        ProtocolException.Code code() {
            return error instanceof ProtocolException pe ? pe.code() : null;
        }
    }

    private InProcessServer() {
    }

    static Outcome run(byte[] input, TestEndpoint impl) {
        Bytes.Sink out = new Bytes.Sink();
        long tid = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        Throwable error = null;
        try {
            RpcConnection c = RpcConnection.open(Bytes.in(input), out, null, SETTINGS);
            RpcServer.serve(c, TestEndpoint.class, impl);
        } catch (Throwable t) {
            error = t;
        }
        long allocated = THREADS.getThreadAllocatedBytes(tid) - before;
        return new Outcome(error, out.bytes(), allocated);
    }
}
