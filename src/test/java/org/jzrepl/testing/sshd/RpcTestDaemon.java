package org.jzrepl.testing.sshd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcServer;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.transport.AuthenticatedListener;
import org.jzrepl.transport.AuthenticatedWire;

/**
 * A daemon for RPC-over-transport tests: serves {@link WireTestEndpoint} with {@link RpcServer}
 * on every wire the listener accepts, one thread per connection. Closing it closes the listener.
 */
public final class RpcTestDaemon implements AutoCloseable {
    private final AuthenticatedListener listener;
    private final AtomicInteger serving = new AtomicInteger();
    private final AtomicInteger maxServing = new AtomicInteger();

    public RpcTestDaemon(AuthenticatedListener listener) {
        this.listener = listener;
        Thread acceptor = new Thread(this::acceptLoop, "rpc-test-daemon");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (true) {
            AuthenticatedWire aw;
            try {
                aw = listener.accept();
            } catch (IOException closed) {
                return;
            }
            Thread t = new Thread(() -> serve(aw), "rpc-test-daemon-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(AuthenticatedWire aw) {
        maxServing.accumulateAndGet(serving.incrementAndGet(), Math::max);
        try {
            RpcServer.serve(RpcConnection.open(aw.wire(), RpcSettings.defaults(Runners.shared())), WireTestEndpoint.class, new Impl(aw.clientIdentity()));
        } catch (IOException e) {
            System.err.println("rpc test daemon: connection ended with " + e);
        } finally {
            serving.decrementAndGet();
        }
    }

    /** Most connections served at the same time so far. */
    public int maxServing() {
        return maxServing.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /** The passive side's implementation. */
    static final class Impl implements WireTestEndpoint {
        private final String identity;

        Impl(String identity) {
            this.identity = identity;
        }

        @Override
        public Pong ping(Ping ping) {
            return new Pong(ping.message(), identity);
        }

        @Override
        public Digest upload(InputStream data) throws IOException {
            TestStreams.Digest d = TestStreams.drain(data);
            return new Digest(d.bytes(), d.crc());
        }

        @Override
        public InputStream download(Size size) {
            return TestStreams.stream(size.bytes(), size.seed());
        }

        @Override
        public InputStream file(FileRequest request) throws IOException {
            return Files.newInputStream(Path.of(request.path()));
        }
    }
}
