package org.jzrepl.pruning;

import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.rpc.RpcClient;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcServer;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pull job prunes the source's sender through the RPC proxy, as it will in the daemon: the
 * same plan as locally, and the wire carries what the pruner reads from destroy results (the
 * holds on a held snapshot, a refusal).
 */
class PrunerOverRpcTest {

    @Test
    void aPullPrunesTheSenderThroughTheProxyWithHoldsAndRefusalsCrossingTheWire() throws Exception {
        PruneWorld w = new PruneWorld("pull_a", "other");
        for (String s : List.of("a", "b", "c", "d", "e")) {
            w.snap(s);
        }
        PruneWorld.Target t = w.target(0);
        w.replicate(t, "c", true);
        w.replicate(w.target(1), "a", true);
        w.source.hold(PruneWorld.FS, "b", "operator-keep");
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        RpcSettings settings = RpcSettings.defaults(Runners.shared()).withLiveness(Duration.ofSeconds(5), Duration.ofSeconds(60));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> server = pool.submit(() -> {
                RpcServer.serve(RpcConnection.open(toServer.source(), toClient.sink(), null, settings), Sender.class, t.sender);
                return null;
            });
            try (RpcConnection c = RpcConnection.open(toClient.source(), toServer.sink(), null, settings)) {
                Sender remote = RpcClient.proxy(Sender.class, c);
                PruneReport r = Pruner.sender(remote, t.receiver, "pull_a",
                        List.of(new KeepRegex(Pattern.compile("^e$"), false)), PruneSettings.DEFAULT, (d, wake) -> false).run();
                PruneReport.Filesystem fs = r.filesystems().stream().filter(f -> f.filesystem().equals("pool/data"))
                        .findFirst().orElseThrow();
                assertEquals(List.of("d"), fs.destroyed(), r.toString());
                assertEquals(List.of(new PruneReport.Held("b", List.of("operator-keep"))), fs.held());
                assertTrue(fs.protectedSnapshots().stream().anyMatch(p -> p.snapshot().equals("a")
                        && p.reasons().contains("replication cursor of job other")), r.toString());
                assertEquals(PruneReport.State.DONE, r.state());
            }
            server.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("a", "b", "c", "e"), w.source.snapshotNames(PruneWorld.FS));
    }
}
