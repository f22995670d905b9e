package org.jzrepl.replication.driver;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemState;
import org.jzrepl.replication.report.StepState;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.testing.runtime.Runners;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jzrepl.replication.driver.Drivers.driver;
import static org.jzrepl.replication.driver.Drivers.fs;
import static org.jzrepl.replication.driver.Drivers.settings;

@Timeout(30)
class CancelTest {

    private final FakeWorld world = new FakeWorld();
    private final FakeConnector connector = new FakeConnector(world);

    @Test
    void cancelClosesTheSessionsOfRunningStepsAndRunReturnsPromptly() throws Exception {
        world.snapshots("pool/a", "s1");
        world.snapshots("pool/b", "t1");
        world.snapshots("pool/c", "u1");
        Gate a = new Gate();
        Gate b = new Gate();
        world.fault("pool/a@s1", new FakeWorld.Fault.Hold(a));
        world.fault("pool/b@t1", new FakeWorld.Fault.Hold(b));
        ReplicationDriver d = driver(connector, settings(2));

        CompletableFuture<AttemptReport> run =
                CompletableFuture.supplyAsync(() -> OrderAndConcurrencyTest.runQuietly(d));
        a.awaitReached();
        b.awaitReached();
        long t0 = System.nanoTime();
        d.cancel();
        AttemptReport r = run.get(10, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(AttemptState.CANCELLED, r.state());
        assertTrue(millis < 2000, "run returned " + millis + " ms after cancel");
        assertTrue(connector.sessions().stream().allMatch(FakeSession::closed));
        assertEquals("cancelled", fs(r, "pool/a").error());
        assertEquals(StepState.FAILED, fs(r, "pool/a").steps().get(0).state());
        assertEquals(FilesystemState.PENDING, fs(r, "pool/c").state(), "no step starts after the cancel");
        assertEquals(List.of(), world.receives);
        assertEquals(AttemptState.CANCELLED, d.snapshot().state());
    }

    @Test
    void cancelBeforeRunReturnsCancelledWithoutConnecting() throws Exception {
        world.snapshots("pool/a", "s1");
        ReplicationDriver d = driver(connector, settings(1));

        d.cancel();
        AttemptReport r = d.run();

        assertEquals(AttemptState.CANCELLED, r.state());
        assertEquals(0, connector.attempts());
    }

    @Test
    void cancelDuringTheReconnectWaitEndsItAtOnce() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        world.fault("pool/a@s2", new FakeWorld.Fault.Cut(10,
                new ProtocolException(ProtocolException.Code.PEER_EOF, "peer went away")));
        CountDownLatch waiting = new CountDownLatch(1);
        EndpointConnector failingLater = new EndpointConnector() {
            private int n;

            @Override
            public synchronized EndpointSession open() throws IOException {
                if (++n == 1) {
                    return connector.open();
                }
                waiting.countDown();
                throw new ConnectException("Connection refused");
            }
        };
        ReplicationDriver d = new ReplicationDriver(failingLater,
                new DriverSettings(1, 0, 3, java.time.Duration.ofMinutes(10), Drivers.PROTECTION,
                        org.jzrepl.replication.plan.PlanPolicy.DEFAULT), Runners.shared());

        CompletableFuture<AttemptReport> run =
                CompletableFuture.supplyAsync(() -> OrderAndConcurrencyTest.runQuietly(d));
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        assertEquals(AttemptState.RETRY_WAIT, d.snapshot().state());
        d.cancel();
        AttemptReport r = run.get(5, TimeUnit.SECONDS);

        assertEquals(AttemptState.CANCELLED, r.state());
        assertEquals(1, r.attempt());
    }

    @Test
    void interruptingTheRunningThreadCancelsAndThrows() throws Exception {
        world.snapshots("pool/a", "s1");
        Gate gate = new Gate();
        world.fault("pool/a@s1", new FakeWorld.Fault.Hold(gate));
        ReplicationDriver d = driver(connector, settings(1));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                d.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });

        t.start();
        gate.awaitReached();
        t.interrupt();
        t.join(10_000);

        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertTrue(connector.sessions().stream().allMatch(FakeSession::closed));
        assertThrows(IllegalStateException.class, d::run, "a driver runs once");
    }
}
