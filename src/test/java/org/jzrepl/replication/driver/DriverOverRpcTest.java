package org.jzrepl.replication.driver;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemState;
import org.jzrepl.rpc.RpcClient;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcServer;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.testing.runtime.Runners;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jzrepl.replication.driver.Drivers.fs;
import static org.jzrepl.replication.driver.Drivers.settings;

/**
 * The driver as a pull job uses it: the sender behind a real RPC connection over OS pipes (served by
 * {@link RpcServer} on its own thread), the receiver local. Pins that the driver's call sequence fits
 * the RPC's one-call-at-a-time rule, and that a wire cut mid-stream is retried and resumed.
 */
@Timeout(60)
class DriverOverRpcTest {

    private static final RpcSettings RPC = RpcSettings.defaults(Runners.shared()).withStreamChunk(4096);

    private final FakeWorld world = new FakeWorld();
    private final List<Pipe> wires = new CopyOnWriteArrayList<>();
    private final List<Thread> servers = new CopyOnWriteArrayList<>();
    private int sessions;

    /** One pull connection: a served fake sender at the far end of two pipes, a local fake receiver. */
    private EndpointSession open() throws IOException {
        return open(false);
    }

    /** One push connection: a local fake sender, a served fake receiver at the far end. */
    private EndpointSession openPush() throws IOException {
        return open(true);
    }

    private EndpointSession open(boolean push) throws IOException {
        Pipe up = Pipe.open();
        Pipe down = Pipe.open();
        wires.add(up);
        wires.add(down);
        FakeSession far = new FakeSession(world, ++sessions);
        Thread server = new Thread(() -> {
            try {
                RpcConnection c = RpcConnection.open(up.source(), down.sink(), null, RPC);
                if (push) {
                    RpcServer.serve(c, Receiver.class, far.receiver());
                } else {
                    RpcServer.serve(c, Sender.class, far.sender());
                }
            } catch (IOException e) {
                // the test cut the wire, or the client went away
            }
        }, "fake-source-" + sessions);
        server.setDaemon(true);
        server.start();
        servers.add(server);
        RpcConnection client = RpcConnection.open(down.source(), up.sink(), null, RPC);
        FakeSession near = new FakeSession(world, 1000 + sessions);
        if (push) {
            return EndpointSession.of(near.sender(), RpcClient.proxy(Receiver.class, client), client);
        }
        return EndpointSession.of(RpcClient.proxy(Sender.class, client), near.receiver(), client);
    }

    /** Cuts every wire opened so far, as a dropped network connection would. */
    private void cutAll() {
        for (Pipe p : wires) {
            try {
                p.sink().close();
                p.source().close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        cutAll();
        for (Thread t : servers) {
            t.join(5000);
        }
    }

    @Test
    void stepsRunOverRpcWithProgressAndCallFailuresStayPerFilesystem() throws Exception {
        world.snapshots("pool/a", "s1", "s2", "s3");
        world.received("pool/a", "s1");
        world.size("pool/a@s3", 300_001);
        world.snapshots("pool/b", "t1", "t2");
        world.received("pool/b", "t1");
        world.fault("pool/b@t2", new FakeWorld.Fault.Cut(1000, new IOException("zfs send: signal 9")));

        AttemptReport r = new ReplicationDriver(this::open, settings(2), Runners.shared()).run();

        assertEquals(List.of("s1", "s2", "s3"), world.receiverSnapshots("pool/a"));
        assertEquals(300_001, fs(r, "pool/a").steps().get(1).bytesReplicated());
        assertEquals(List.of("pool/a@s2", "pool/a@s3"), world.completed);
        assertEquals(FilesystemState.STEP_ERROR, fs(r, "pool/b").state());
        assertTrue(fs(r, "pool/b").error().contains("zfs send: signal 9"), fs(r, "pool/b").error());
        assertEquals(1, r.attempt(), "a producer failure is not a connection failure");
        assertEquals(List.of(), world.violations);
    }

    @Test
    void aWireCutMidStreamIsRetriedOnANewConnectionAndResumed() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        world.size("pool/a@s2", 500_000);
        world.fault("pool/a@s2", new FakeWorld.Fault.Act(100_000, this::cutAll));
        List<AttemptReport> history = new ArrayList<>();

        ReplicationDriver d = new ReplicationDriver(this::open,
                settings(1).withRetries(3, Duration.ofSeconds(5)), Runners.shared());
        AttemptReport r = d.run();
        history.addAll(d.history());

        assertEquals(AttemptState.DONE, r.state(), String.valueOf(r));
        assertEquals(2, r.attempt());
        assertEquals(List.of("s1", "s2"), world.receiverSnapshots("pool/a"));
        assertTrue(fs(r, "pool/a").steps().get(0).resumed());
        long resumedAt = world.sends.size() == 2 ? Long.parseLong(world.sends.get(1).replaceAll(".* ", "")) : -1;
        assertTrue(resumedAt > 0 && resumedAt <= 100_000, world.sends.toString());
        assertEquals(500_000 - resumedAt, fs(r, "pool/a").steps().get(0).bytesReplicated());
        String firstError = history.get(0).error();
        assertTrue(firstError.contains(ProtocolException.class.getSimpleName())
                || firstError.contains("PEER_EOF") || firstError.contains("TRUNCATED_FRAME")
                || firstError.contains("IO_ERROR"), firstError);
    }

    @Test
    void pushingToAServedReceiverRetriesAWireCutAndResumes() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.snapshots("pool/b", "t1");
        world.size("pool/a@s2", 400_000);
        world.received("pool/a", "s1");
        world.fault("pool/a@s2", new FakeWorld.Fault.Act(50_000, this::cutAll));

        ReplicationDriver d = new ReplicationDriver(this::openPush,
                settings(1).withRetries(3, Duration.ofSeconds(5)), Runners.shared());
        AttemptReport r = d.run();

        assertEquals(AttemptState.DONE, r.state(), String.valueOf(r));
        assertEquals(2, r.attempt());
        assertEquals(List.of("s1", "s2"), world.receiverSnapshots("pool/a"));
        assertEquals(List.of("t1"), world.receiverSnapshots("pool/b"));
        assertTrue(fs(r, "pool/a").steps().get(0).resumed(), world.sends.toString());
        assertEquals(List.of(), world.violations);
    }
}
