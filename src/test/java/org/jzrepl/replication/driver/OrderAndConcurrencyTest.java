package org.jzrepl.replication.driver;

import static org.jzrepl.replication.driver.Drivers.driver;
import static org.jzrepl.replication.driver.Drivers.fs;
import static org.jzrepl.replication.driver.Drivers.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jzrepl.endpoint.EndpointException;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.replication.report.FilesystemState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OrderAndConcurrencyTest {

    private final FakeWorld world = new FakeWorld();
    private final FakeConnector connector = new FakeConnector(world);

    @Test
    void theReceiverStartsPreparingBeforeTheSenderAnswers() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        world.receiverStarted = new java.util.concurrent.CountDownLatch(1);

        AttemptReport r = driver(connector, settings(1)).run();

        assertEquals(AttemptState.DONE, r.state());
        assertEquals(List.of("s1", "s2"), world.receiverSnapshots("pool/a"));
        assertEquals(List.of(), world.violations);
    }

    @Test
    void theStepWithTheOldestTargetGoesFirstAcrossFilesystems() throws Exception {
        world.snapshot("pool/a", "a0");
        world.snapshot("pool/b", "b0");
        world.snapshot("pool/a", "a1");
        world.snapshot("pool/b", "b1");
        world.snapshot("pool/b", "b2");
        world.snapshot("pool/a", "a2");
        world.received("pool/a", "a0");
        world.received("pool/b", "b0");

        AttemptReport r = driver(connector, settings(1)).run();

        assertEquals(AttemptState.DONE, r.state());
        assertEquals(List.of("pool/a@a1", "pool/b@b1", "pool/b@b2", "pool/a@a2"), world.sends);
    }

    @Test
    void aChildWaitsUntilItsParentsFirstStepIsDone() throws Exception {
        world.snapshots("pool/p", "p1", "p2");
        world.snapshots("pool/p/c", "c1");
        world.snapshots("pool/p/c/d", "d1");
        world.snapshots("pool/q", "q1");
        Gate gate = new Gate();
        world.fault("pool/p@p2", new FakeWorld.Fault.Hold(gate));
        ReplicationDriver d = driver(connector, settings(4));

        CompletableFuture<AttemptReport> run = CompletableFuture.supplyAsync(() -> runQuietly(d));
        gate.awaitReached();
        AttemptReport during = d.snapshot();
        gate.open();
        AttemptReport r = run.get(20, TimeUnit.SECONDS);

        assertEquals(FilesystemState.STEPPING, fs(during, "pool/p").state());
        FilesystemReport child = fs(during, "pool/p/c");
        assertEquals(FilesystemState.BLOCKED, child.state());
        assertEquals("pool/p", child.blockedOn());
        assertEquals("pool/p/c", fs(during, "pool/p/c/d").blockedOn());
        assertEquals(AttemptState.DONE, r.state());
        assertEquals(List.of(), world.orphans);
        assertNull(fs(r, "pool/p/c").blockedOn());
        assertTrue(world.receives.indexOf("pool/p@p2") < world.receives.indexOf("pool/p/c@c1"),
                world.receives.toString());
        assertTrue(world.receives.indexOf("pool/p/c@c1") < world.receives.indexOf("pool/p/c/d@d1"));
    }

    @Test
    void aChildWhoseParentIsAlreadyOnTheReceiverDoesNotWait() throws Exception {
        world.snapshots("pool/p", "p1", "p2");
        world.received("pool/p", "p1");
        world.snapshots("pool/p/c", "c1");
        Gate gate = new Gate();
        world.fault("pool/p@p2", new FakeWorld.Fault.Hold(gate));
        ReplicationDriver d = driver(connector, settings(2));

        CompletableFuture<AttemptReport> run = CompletableFuture.supplyAsync(() -> runQuietly(d));
        gate.awaitReached();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!world.log(world.receives).contains("pool/p/c@c1") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of("pool/p/c@c1"), world.log(world.receives), "the child went while the parent was held");
        gate.open();
        assertEquals(AttemptState.DONE, run.get(20, TimeUnit.SECONDS).state());
    }

    @Test
    void childrenOfAParentWhoseFirstStepFailedAreNotStarted() throws Exception {
        world.snapshots("pool/p", "p1");
        world.snapshots("pool/p/c", "c1");
        world.snapshots("pool/p/c/d", "d1");
        world.snapshots("pool/q", "q1");
        world.fault("pool/p@p1", new FakeWorld.Fault.Refuse(
                new EndpointException(EndpointException.REFUSED, "encrypted: raw send required")));

        AttemptReport r = driver(connector, settings(2)).run();

        assertEquals(FilesystemState.STEP_ERROR, fs(r, "pool/p").state());
        assertEquals("not started: its parent pool/p failed", fs(r, "pool/p/c").error());
        assertEquals("not started: its parent pool/p/c failed", fs(r, "pool/p/c/d").error());
        assertEquals(FilesystemState.STEP_ERROR, fs(r, "pool/p/c/d").state());
        assertEquals(FilesystemState.DONE, fs(r, "pool/q").state());
        assertEquals(List.of("pool/q@q1"), world.receives);
        assertEquals("3 filesystems failed", r.error());
    }

    @Test
    void nWorkersRunNStepsAtOnceEachOnItsOwnSession() throws Exception {
        List<Gate> gates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            world.snapshots("pool/f" + i, "s1");
            Gate g = new Gate();
            gates.add(g);
            world.fault("pool/f" + i + "@s1", new FakeWorld.Fault.Hold(g));
        }
        ReplicationDriver d = driver(connector, settings(3));

        CompletableFuture<AttemptReport> run = CompletableFuture.supplyAsync(() -> runQuietly(d));
        for (int i = 0; i < 3; i++) {
            gates.get(i).awaitReached();
        }
        AttemptReport during = d.snapshot();
        gates.forEach(Gate::open);
        AttemptReport r = run.get(20, TimeUnit.SECONDS);

        assertEquals(3, during.filesystems().stream().filter(f -> f.state() == FilesystemState.STEPPING).count());
        assertEquals(3, world.maxActiveSteps.get());
        assertEquals(AttemptState.DONE, r.state());
        assertEquals(3, d.sessionsOpened(), "the planning session goes on to a worker");
        assertEquals(3, connector.sessions().size());
        assertEquals(List.of(), world.violations, "no session used by two threads at once");
        assertTrue(connector.sessions().stream().allMatch(FakeSession::closed), "every session closed at the end");
    }

    @Test
    void neverMoreWorkersThanSteps() throws Exception {
        world.snapshots("pool/a", "s1");
        world.snapshots("pool/b", "t1");
        Gate a = new Gate();
        Gate b = new Gate();
        world.fault("pool/a@s1", new FakeWorld.Fault.Hold(a));
        world.fault("pool/b@t1", new FakeWorld.Fault.Hold(b));
        ReplicationDriver d = driver(connector, settings(8));

        CompletableFuture<AttemptReport> run = CompletableFuture.supplyAsync(() -> runQuietly(d));
        a.awaitReached();
        b.awaitReached();
        long workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches(".* replication step worker \\d+")).count();
        a.open();
        b.open();

        assertEquals(AttemptState.DONE, run.get(20, TimeUnit.SECONDS).state());
        assertEquals(2, workers, "two steps, two workers although eight may run");
        assertEquals(2, d.sessionsOpened());
        assertEquals(List.of(), world.violations);
    }

    static AttemptReport runQuietly(ReplicationDriver d) {
        try {
            return d.run();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
