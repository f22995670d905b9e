package org.jzrepl.replication.driver;

import static org.jzrepl.replication.driver.Drivers.PROTECTION;
import static org.jzrepl.replication.driver.Drivers.driver;
import static org.jzrepl.replication.driver.Drivers.fs;
import static org.jzrepl.replication.driver.Drivers.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.jzrepl.replication.plan.PlanPolicy;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RetryTest {

    private final FakeWorld world = new FakeWorld();
    private final FakeConnector connector = new FakeConnector(world);

    private static ProtocolException reset() {
        return new ProtocolException(ProtocolException.Code.IO_ERROR, "Connection reset by peer");
    }

    @Test
    void aConnectionCutMidStreamReconnectsReplansAndResumesThePartialReceive() throws Exception {
        world.snapshots("pool/a", "s1", "s2", "s3");
        world.received("pool/a", "s1");
        world.snapshots("pool/b", "t1", "t2");
        world.received("pool/b", "t1");
        world.fault("pool/a@s2", new FakeWorld.Fault.Cut(4000, reset()));

        ReplicationDriver d = driver(connector, settings(1));
        AttemptReport r = d.run();

        assertEquals(AttemptState.DONE, r.state());
        assertEquals(2, r.attempt());
        assertEquals(List.of("s1", "s2", "s3"), world.receiverSnapshots("pool/a"));
        assertNull(world.partial("pool/a"));
        assertEquals(List.of("pool/a@s2", "pool/a@s2 resumed at 4000", "pool/a@s3", "pool/b@t2"), world.sends);
        StepReport resumed = fs(r, "pool/a").steps().get(0);
        assertTrue(resumed.resumed());
        assertEquals("@s2", resumed.to());
        assertEquals(FakeWorld.DEFAULT_SIZE - 4000, resumed.bytesReplicated());
        assertEquals(FakeWorld.DEFAULT_SIZE - 4000, resumed.bytesExpected());

        List<AttemptReport> history = d.history();
        assertEquals(2, history.size());
        AttemptReport first = history.get(0);
        assertEquals(AttemptState.FAILED, first.state());
        assertTrue(first.error().contains("Connection reset by peer") && first.error().contains("retried in attempt 2"),
                first.error());
        assertEquals(4000, fs(first, "pool/a").steps().get(0).bytesReplicated());
        assertEquals(List.of(), world.violations);
        assertEquals(2, d.sessionsOpened(), "the broken session is replaced by one new session");
        assertTrue(connector.sessions().get(0).closed());
    }

    @Test
    void aRunThatCannotConnectKeepsTryingWithinTheReconnectWait() throws Exception {
        world.snapshots("pool/a", "s1");
        connector.failNext(new ConnectException("Connection refused"), new ConnectException("Connection refused"));

        AttemptReport r = driver(connector, settings(1)).run();

        assertEquals(AttemptState.DONE, r.state());
        assertEquals(2, r.attempt());
        assertEquals(3, connector.attempts());
        assertEquals(List.of("s1"), world.receiverSnapshots("pool/a"));
    }

    @Test
    void theRunFailsWhenNoConnectionComesBackWithinTheReconnectWait() throws Exception {
        world.snapshots("pool/a", "s1");
        for (int i = 0; i < 100; i++) {
            connector.failNext(new ConnectException("Connection refused"));
        }
        DriverSettings s = new DriverSettings(1, 0, 3, Duration.ofMillis(300), PROTECTION, PlanPolicy.DEFAULT);

        long t0 = System.nanoTime();
        AttemptReport r = driver(connector, s).run();
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(AttemptState.FAILED, r.state());
        assertEquals(1, r.attempt());
        assertTrue(r.error().contains("no connection within PT0.3S") && r.error().contains("Connection refused"),
                r.error());
        assertTrue(millis >= 300 && millis < 5000, "gave up after " + millis + " ms");
        assertTrue(connector.attempts() > 2);
    }

    @Test
    void connectionFailuresAreRetriedUpToMaxAttemptsEachResumingFurther() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        for (int i = 0; i < 3; i++) {
            world.fault("pool/a@s2", new FakeWorld.Fault.Cut(3000, reset()));
        }

        ReplicationDriver d = driver(connector, settings(1));
        AttemptReport r = d.run();

        assertEquals(AttemptState.FAILED, r.state());
        assertEquals(3, r.attempt());
        assertTrue(r.error().endsWith("(gave up after 3 attempts)"), r.error());
        assertEquals(9000, world.partial("pool/a").offset(), "each attempt resumed where the last one stopped");
        assertEquals(3, d.history().size());
        assertEquals(List.of("s1"), world.receiverSnapshots("pool/a"));
    }

    @Test
    void aConnectionFailureThatANewConnectionCannotCureIsNotRetried() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        world.fault("pool/a@s2", new FakeWorld.Fault.Cut(10,
                new ProtocolException(ProtocolException.Code.UNEXPECTED_FRAME, "DATA frame outside a stream")));

        AttemptReport r = driver(connector, settings(1)).run();

        assertEquals(AttemptState.FAILED, r.state());
        assertEquals(1, r.attempt());
        assertTrue(r.error().contains("DATA frame outside a stream"), r.error());
        assertEquals(1, connector.attempts());
    }

    @Test
    void aRejectedLoginIsNotRetried() throws Exception {
        world.snapshots("pool/a", "s1");
        connector.failNext(new TransportException(TransportException.Kind.AUTHENTICATION_FAILED,
                "backup@host: publickey refused"));

        AttemptReport r = driver(connector, settings(1)).run();

        assertEquals(AttemptState.FAILED, r.state());
        assertTrue(r.error().contains("publickey refused"), r.error());
        assertEquals(1, connector.attempts());
        assertFalse(world.receiver.containsKey(org.jzrepl.zfs.DatasetPath.parse("pool/a")));
    }

    @Test
    void aReplanAfterReconnectingNeverGoesPastTheFirstPlansTarget() throws Exception {
        world.snapshots("pool/a", "s1", "s2", "s3");
        world.received("pool/a", "s1");
        world.snapshots("pool/b", "t1");
        world.received("pool/b", "t1");
        world.fault("pool/a@s2", new FakeWorld.Fault.Cut(100, reset()));
        connector.beforeOpen(2, () -> {
            world.snapshot("pool/a", "s4");
            world.snapshot("pool/b", "t2");
        });

        AttemptReport r = driver(connector, settings(1)).run();

        assertEquals(AttemptState.DONE, r.state());
        assertEquals(List.of("s1", "s2", "s3"), world.receiverSnapshots("pool/a"));
        assertEquals(List.of("t1"), world.receiverSnapshots("pool/b"));
        FilesystemReport a = fs(r, "pool/a");
        assertEquals(List.of("@s2", "@s3"), a.steps().stream().map(StepReport::to).toList());
        assertEquals(org.jzrepl.replication.report.FilesystemState.UP_TO_DATE, fs(r, "pool/b").state());
    }

    @Test
    void aPlainIoFailureOfTheSessionCountsAsConnectivity() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        world.fault("pool/a@s2", new FakeWorld.Fault.Refuse(new IOException("Broken pipe")));

        AttemptReport r = driver(connector, settings(1)).run();

        assertEquals(AttemptState.DONE, r.state());
        assertEquals(2, r.attempt());
    }
}
