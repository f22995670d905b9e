package org.jzrepl.replication.driver;

import static org.jzrepl.replication.driver.Drivers.driver;
import static org.jzrepl.replication.driver.Drivers.fs;
import static org.jzrepl.replication.driver.Drivers.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.endpoint.EndpointException;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.replication.report.FilesystemState;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.replication.report.StepState;
import org.jzrepl.rpc.stream.StreamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ReplicationDriverTest {

    private final FakeWorld world = new FakeWorld();
    private final FakeConnector connector = new FakeConnector(world);

    @Test
    void replicatesIncrementallyFromTheCommonSnapshotAndCompletesEachStep() throws Exception {
        world.snapshots("pool/a", "s1", "s2", "s3");
        world.received("pool/a", "s1");

        AttemptReport r = driver(connector, settings(1)).run();

        assertEquals(AttemptState.DONE, r.state());
        assertNull(r.error());
        assertEquals(List.of("s1", "s2", "s3"), world.receiverSnapshots("pool/a"));
        assertEquals(List.of("pool/a@s2", "pool/a@s3"), world.completed);
        FilesystemReport a = fs(r, "pool/a");
        assertEquals(FilesystemState.DONE, a.state());
        assertEquals(List.of("@s1", "@s2"), a.steps().stream().map(StepReport::from).toList());
        assertEquals(List.of("@s2", "@s3"), a.steps().stream().map(StepReport::to).toList());
        assertEquals(2, a.currentStep());
        assertEquals(2, r.stepsDone());
        assertEquals(world.violations, List.of());
    }

    @Test
    void initialReplicationSendsTheNewestSnapshotInFullByDefaultAndAllWhenConfigured() throws Exception {
        world.snapshots("pool/a", "s1", "s2", "s3");
        world.snapshots("pool/b", "t1", "t2");

        AttemptReport first = driver(connector, settings(1)).run();
        assertEquals(AttemptState.DONE, first.state());
        assertEquals(List.of("s3"), world.receiverSnapshots("pool/a"));
        assertNull(fs(first, "pool/a").steps().get(0).from());

        world.receiver.remove(org.jzrepl.zfs.DatasetPath.parse("pool/b"));
        AttemptReport second = driver(connector, settings(1, InitialReplication.ALL)).run();
        assertEquals(AttemptState.DONE, second.state());
        assertEquals(List.of("t1", "t2"), world.receiverSnapshots("pool/b"));
        assertEquals(FilesystemState.UP_TO_DATE, fs(second, "pool/a").state());
    }

    @Test
    void progressCountsEveryStreamByteAndTheExpectedSize() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        world.size("pool/a@s2", 123_457);

        AttemptReport r = driver(connector, settings(1)).run();

        StepReport step = fs(r, "pool/a").steps().get(0);
        assertEquals(StepState.DONE, step.state());
        assertEquals(123_457, step.bytesReplicated());
        assertEquals(123_457, step.bytesExpected());
        assertEquals(123_457, r.bytesReplicated());
        assertEquals(123_457, r.bytesExpected());
        long millis = Math.max(1, java.time.Instant.parse(step.finishedAt()).toEpochMilli()
                - java.time.Instant.parse(step.startedAt()).toEpochMilli());
        assertEquals(123_457L * 1000 / millis, step.bytesPerSecond());
    }

    @Test
    void aConflictFailsOnlyItsFilesystemWithTheConflictMessage() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        world.snapshots("pool/b", "t1", "t2");
        world.received("pool/b", "t1");
        world.receiverOnlySnapshot("pool/b", "local");

        AttemptReport r = driver(connector, settings(1)).run();

        assertEquals(AttemptState.FAILED, r.state());
        assertEquals("1 filesystem failed", r.error());
        assertEquals(FilesystemState.DONE, fs(r, "pool/a").state());
        FilesystemReport b = fs(r, "pool/b");
        assertEquals(FilesystemState.PLANNING_ERROR, b.state());
        assertTrue(b.error().contains("diverged") && b.error().contains("@local"), b.error());
        assertEquals(List.of("t1", "local"), world.receiverSnapshots("pool/b"));
    }

    @Test
    void aRefusedSendFailsThatFilesystemOnlyAndIsNotRetried() throws Exception {
        world.snapshots("pool/a", "s1", "s2", "s3");
        world.received("pool/a", "s1");
        world.snapshots("pool/b", "t1", "t2");
        world.received("pool/b", "t1");
        world.fault("pool/a@s2", new FakeWorld.Fault.Refuse(
                new EndpointException(EndpointException.ZFS_FAILED, "cannot hold: dataset is busy")));

        ReplicationDriver d = driver(connector, settings(1));
        AttemptReport r = d.run();

        assertEquals(AttemptState.FAILED, r.state());
        assertEquals(1, r.attempt());
        FilesystemReport a = fs(r, "pool/a");
        assertEquals(FilesystemState.STEP_ERROR, a.state());
        assertEquals("cannot hold: dataset is busy", a.error());
        assertEquals(StepState.FAILED, a.steps().get(0).state());
        assertEquals(StepState.PENDING, a.steps().get(1).state());
        assertEquals(0, a.currentStep());
        assertEquals(FilesystemState.DONE, fs(r, "pool/b").state());
        assertEquals(List.of("s1"), world.receiverSnapshots("pool/a"));
        assertEquals(1, connector.attempts(), "no reconnect for a call failure");
        assertEquals(1, d.history().size());
    }

    @Test
    void aWorkerDyingOfAnErrorFailsItsStepAndTheAttemptInsteadOfEndingDone() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        world.fault("pool/a@s2", new FakeWorld.Fault.Crash(new NoClassDefFoundError("org/jzrepl/Gone")));

        ReplicationDriver d = driver(connector, settings(1));
        AttemptReport r = d.run();

        assertEquals(AttemptState.FAILED, r.state());
        assertTrue(r.error().contains("org/jzrepl/Gone"), r.error());
        FilesystemReport a = fs(r, "pool/a");
        assertEquals(StepState.FAILED, a.steps().get(0).state());
        assertTrue(a.steps().get(0).error().startsWith("internal error: java.lang.NoClassDefFoundError"),
                a.steps().get(0).error());
        assertEquals(1, connector.attempts(), "an internal error is not retried");
        assertEquals(List.of("s1"), world.receiverSnapshots("pool/a"));
    }

    @Test
    void aSendStreamFailingAtItsProducerIsAFilesystemErrorAndTheSessionGoesOn() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        world.snapshots("pool/b", "t1", "t2");
        world.received("pool/b", "t1");
        world.fault("pool/a@s2", new FakeWorld.Fault.Cut(5000, new StreamException("zfs send exited with 1")));

        ReplicationDriver d = driver(connector, settings(1));
        AttemptReport r = d.run();

        FilesystemReport a = fs(r, "pool/a");
        assertEquals(FilesystemState.STEP_ERROR, a.state());
        assertTrue(a.error().contains("zfs send exited with 1"), a.error());
        assertEquals(5000, a.steps().get(0).bytesReplicated());
        assertEquals(FilesystemState.DONE, fs(r, "pool/b").state());
        assertEquals(1, d.sessionsOpened());
        assertEquals(List.of("pool/b@t2"), world.completed);
    }

    @Test
    void aFailingVersionListingIsAPlanningErrorOfThatFilesystemOnly() throws Exception {
        world.snapshots("pool/a", "s1");
        world.snapshots("pool/b", "t1");
        world.fault("pool/a#list", new FakeWorld.Fault.Refuse(
                new EndpointException(EndpointException.FILESYSTEM_NOT_ALLOWED, "pool/a is not allowed")));

        AttemptReport r = driver(connector, settings(1)).run();

        FilesystemReport a = fs(r, "pool/a");
        assertEquals(FilesystemState.PLANNING_ERROR, a.state());
        assertEquals("listing versions failed: pool/a is not allowed", a.error());
        assertEquals(FilesystemState.DONE, fs(r, "pool/b").state());
        assertEquals(AttemptState.FAILED, r.state());
    }

    @Test
    void senderPlaceholdersAreSkippedAndUpToDateFilesystemsReportedSo() throws Exception {
        world.snapshots("pool/a", "s1");
        world.received("pool/a", "s1");
        world.sender.put(org.jzrepl.zfs.DatasetPath.parse("pool/p"), new java.util.ArrayList<>());
        world.senderPlaceholders.add(org.jzrepl.zfs.DatasetPath.parse("pool/p"));

        AttemptReport r = driver(connector, settings(2)).run();

        assertEquals(AttemptState.DONE, r.state());
        assertEquals(FilesystemState.UP_TO_DATE, fs(r, "pool/a").state());
        assertEquals(FilesystemState.SKIPPED, fs(r, "pool/p").state());
        assertEquals(0, r.stepsTotal());
        assertEquals(1, connector.attempts(), "no step worker session when there is nothing to send");
    }

    @Test
    void aRefusedFilesystemListingIsAPlanningErrorAndNotRetried() throws Exception {
        world.snapshots("pool/a", "s1");
        world.fault("#listfs", new FakeWorld.Fault.Refuse(
                new EndpointException(EndpointException.REFUSED, "client backup1 is not allowed here")));

        ReplicationDriver d = driver(connector, settings(1));
        AttemptReport r = d.run();

        assertEquals(AttemptState.PLANNING_ERROR, r.state());
        assertEquals("planning failed: client backup1 is not allowed here", r.error());
        assertEquals(List.of(), r.filesystems());
        assertEquals(1, connector.attempts());
        assertTrue(connector.sessions().get(0).closed());
        assertEquals(r, d.snapshot());
    }
}
