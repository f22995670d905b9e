package org.jzrepl.endpoint;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jzrepl.rpc.RpcClient;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcServer;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;

/**
 * An endpoint served over a real RPC connection inside the test: two pipes (as a forced
 * command's stdin/stdout), the server loop on its own thread, a client proxy for the test.
 * {@link #client(Class)} can proxy another interface whose methods use the same endpoint names,
 * to send requests a well-behaved client cannot build.
 */
final class RpcPair<T> implements AutoCloseable {
    static final RpcSettings SETTINGS = RpcSettings.defaults(Runners.shared())
            .withLiveness(Duration.ofSeconds(5), Duration.ofSeconds(60));

    private final Pipe toServer = Pipe.open();
    private final Pipe toClient = Pipe.open();
    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "endpoint-test-server");
        t.setDaemon(true);
        return t;
    });
    private final Future<Void> server;
    private final RpcConnection client;

    RpcPair(Class<T> iface, T impl) throws IOException {
        server = pool.submit(() -> {
            RpcConnection c = RpcConnection.open(toServer.source(), toClient.sink(), null, SETTINGS);
            RpcServer.serve(c, iface, impl);
            return null;
        });
        client = RpcConnection.open(toClient.source(), toServer.sink(), null, SETTINGS);
    }

    <C> C client(Class<C> iface) {
        return RpcClient.proxy(iface, client);
    }

    @Override
    public void close() throws Exception {
        try {
            client.close();
            server.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
