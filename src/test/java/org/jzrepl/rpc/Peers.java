package org.jzrepl.rpc;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Two in-process ends joined by two pipes, as a forced command's stdin/stdout would be. */
final class Peers implements AutoCloseable {
    final Pipe toServer;
    final Pipe toClient;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-peer");
        t.setDaemon(true);
        return t;
    });

    Peers() throws IOException {
        toServer = Pipe.open();
        toClient = Pipe.open();
    }

    /** Opens the server end (handshake) and serves impl on a thread; the future ends with serve. */
    Future<Void> serve(RpcSettings settings, TestEndpoint impl) {
        return pool.submit(() -> {
            RpcConnection c = RpcConnection.open(toServer.source(), toClient.sink(), null, settings);
            RpcServer.serve(c, TestEndpoint.class, impl);
            return null;
        });
    }

    RpcConnection client(RpcSettings settings) throws IOException {
        return RpcConnection.open(toClient.source(), toServer.sink(), null, settings);
    }

    <T> CompletableFuture<T> async(java.util.concurrent.Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        pool.execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    @Override
    public void close() throws IOException {
        pool.shutdownNow();
        toServer.sink().close();
        toServer.source().close();
        toClient.sink().close();
        toClient.source().close();
    }
}
