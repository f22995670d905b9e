package org.jzrepl.replication.driver;

import static org.jzrepl.replication.driver.Drivers.driver;
import static org.jzrepl.replication.driver.Drivers.fs;
import static org.jzrepl.replication.driver.Drivers.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jzrepl.replication.plan.PlanPolicy;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.replication.report.StepState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ReportTest {

    private final FakeWorld world = new FakeWorld();
    private final FakeConnector connector = new FakeConnector(world);

    @Test
    void snapshotsTakenWhileRunningAreImmutableConsistentAndNeverGoBackwards() throws Exception {
        for (int i = 0; i < 6; i++) {
            String fs = "pool/f" + i;
            world.snapshots(fs, "s1", "s2", "s3");
            world.received(fs, "s1");
            for (String s : List.of("s2", "s3")) {
                world.size(fs + "@" + s, 60_000);
                world.fault(fs + "@" + s, new FakeWorld.Fault.Slow(1));
            }
        }
        ReplicationDriver d = driver(connector, settings(3));
        List<AttemptReport> seen = new ArrayList<>();

        CompletableFuture<AttemptReport> run =
                CompletableFuture.supplyAsync(() -> OrderAndConcurrencyTest.runQuietly(d));
        while (!run.isDone()) {
            seen.add(d.snapshot());
            Thread.sleep(1);
        }
        AttemptReport last = run.get(30, TimeUnit.SECONDS);
        seen.add(d.snapshot());

        long stepping = seen.stream().filter(r -> r.state() == AttemptState.STEPPING).count();
        assertTrue(stepping >= 10, "took " + stepping + " snapshots while stepping");
        Map<String, Long> lastBytes = new HashMap<>();
        for (AttemptReport r : seen) {
            assertConsistent(r);
            for (FilesystemReport f : r.filesystems()) {
                for (int i = 0; i < f.steps().size(); i++) {
                    String key = f.path() + "/" + i;
                    long now = f.steps().get(i).bytesReplicated();
                    assertTrue(now >= lastBytes.getOrDefault(key, 0L), key + " went backwards");
                    lastBytes.put(key, now);
                }
            }
        }
        assertEquals(AttemptState.DONE, last.state());
        assertEquals(12 * 60_000L, last.bytesReplicated());
        assertEquals(12, last.stepsDone());
        AttemptReport r = seen.get(seen.size() / 2);
        assertThrows(UnsupportedOperationException.class, () -> r.filesystems().clear());
        assertThrows(UnsupportedOperationException.class, () -> r.filesystems().get(0).steps().clear());
    }

    private static void assertConsistent(AttemptReport r) {
        long expected = 0;
        long replicated = 0;
        int total = 0;
        int done = 0;
        for (FilesystemReport f : r.filesystems()) {
            long fe = 0;
            long fr = 0;
            for (int i = 0; i < f.steps().size(); i++) {
                StepReport s = f.steps().get(i);
                fe += Math.max(0, s.bytesExpected());
                fr += s.bytesReplicated();
                done += s.state() == StepState.DONE ? 1 : 0;
                if (i < f.currentStep()) {
                    assertEquals(StepState.DONE, s.state(), f.path() + " step " + i + " before the current one");
                }
                if (s.bytesExpected() >= 0) {
                    assertTrue(s.bytesReplicated() <= s.bytesExpected());
                }
            }
            total += f.steps().size();
            assertEquals(fe, f.bytesExpected());
            assertEquals(fr, f.bytesReplicated());
            expected += fe;
            replicated += fr;
        }
        assertEquals(expected, r.bytesExpected());
        assertEquals(replicated, r.bytesReplicated());
        assertEquals(total, r.stepsTotal());
        assertEquals(done, r.stepsDone());
    }

    @Test
    void reportsRoundTripThroughAPlainObjectMapper() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        world.snapshots("pool/b", "t1");
        world.received("pool/b", "t1");
        world.receiverOnlySnapshot("pool/b", "x");
        AttemptReport r = driver(connector, settings(1)).run();
        ObjectMapper json = new ObjectMapper();

        String text = json.writeValueAsString(r);
        AttemptReport back = json.readValue(text, AttemptReport.class);

        assertEquals(r, back);
        assertTrue(text.contains("\"state\":\"FAILED\"") && text.contains("\"bytesReplicated\":20000"), text);
    }

    @Test
    void sizeEstimatesFillInEveryStepsExpectedBytesBeforeItRuns() throws Exception {
        world.snapshots("pool/a", "s1", "s2", "s3");
        world.received("pool/a", "s1");
        world.size("pool/a@s3", 77_777);
        Gate gate = new Gate();
        world.fault("pool/a@s2", new FakeWorld.Fault.Hold(gate));
        ReplicationDriver d = driver(connector, new DriverSettings(1, 4, 3, Duration.ofSeconds(2),
                Drivers.PROTECTION, PlanPolicy.DEFAULT));

        CompletableFuture<AttemptReport> run =
                CompletableFuture.supplyAsync(() -> OrderAndConcurrencyTest.runQuietly(d));
        gate.awaitReached();
        AttemptReport during = d.snapshot();
        gate.open();
        run.get(20, TimeUnit.SECONDS);

        StepReport pending = fs(during, "pool/a").steps().get(1);
        assertEquals(StepState.PENDING, pending.state());
        assertEquals(77_777, pending.bytesExpected());
        assertEquals(FakeWorld.DEFAULT_SIZE + 77_777, during.bytesExpected());
    }

    @Test
    void beforeTheRunTheSnapshotSaysNotStarted() {
        AttemptReport r = driver(connector, settings(1)).snapshot();
        assertEquals(0, r.attempt());
        assertEquals(AttemptState.PLANNING, r.state());
        assertEquals(List.of(), r.filesystems());
    }

    @Test
    void estimatesRunOnUpToSizeEstimatesSessionsWhichTheStepsThenReuse() throws Exception {
        for (int i = 0; i < 6; i++) {
            world.snapshots("pool/f" + i, "s1");
            world.size("pool/f" + i + "@s1", 1000 + i);
        }
        world.fault("pool/f2@s1#dry", new FakeWorld.Fault.Refuse(
                new org.jzrepl.endpoint.EndpointException(org.jzrepl.endpoint.EndpointException.ZFS_FAILED, "busy")));
        world.dryRendezvous = new java.util.concurrent.CountDownLatch(3);
        ReplicationDriver d = driver(connector, new DriverSettings(2, 3, 3, Duration.ofSeconds(2),
                Drivers.PROTECTION, PlanPolicy.DEFAULT));

        AttemptReport r = d.run();

        assertEquals(AttemptState.DONE, r.state());
        assertEquals(3, world.maxActiveDry.get(), "three dry sends at once");
        assertEquals(3, d.sessionsOpened(), "the two step workers took estimators' sessions");
        assertEquals(List.of(), world.violations);
        assertEquals(6 * 1000 + 15, r.bytesExpected(), "the failed estimate was filled in by the send itself");
        assertEquals(5, world.sendsWithKnownSize.get(), "estimated steps are not estimated again by their send");
    }

    @Test
    void aConnectionFailureWhileEstimatingEndsTheAttemptAndTheNextOneReplans() throws Exception {
        world.snapshots("pool/a", "s1");
        world.fault("pool/a@s1#dry", new FakeWorld.Fault.Refuse(
                new org.jzrepl.rpc.frame.ProtocolException(org.jzrepl.rpc.frame.ProtocolException.Code.PEER_RESET,
                        "reset")));
        ReplicationDriver d = driver(connector, new DriverSettings(1, 2, 3, Duration.ofSeconds(2),
                Drivers.PROTECTION, PlanPolicy.DEFAULT));

        AttemptReport r = d.run();

        assertEquals(AttemptState.DONE, r.state());
        assertEquals(2, r.attempt());
        assertEquals(List.of("s1"), world.receiverSnapshots("pool/a"));
    }
}
