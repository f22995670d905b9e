package org.jzrepl.replication.driver;

import static org.jzrepl.replication.driver.Drivers.driver;
import static org.jzrepl.replication.driver.Drivers.fs;
import static org.jzrepl.replication.driver.Drivers.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.replication.report.StepState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The driver with the stall watchdog: a stream that stops delivering bytes is aborted and resumed. */
@Timeout(30)
class StallTest {

    private final FakeWorld world = new FakeWorld();
    private final FakeConnector connector = new FakeConnector(world);

    @Test
    void aStepWhoseStreamStopsIsAbortedAndResumedFromItsTokenInTheNextAttempt() throws Exception {
        world.snapshots("pool/a", "s1", "s2", "s3");
        world.received("pool/a", "s1");
        world.snapshots("pool/b", "t1");
        Gate never = new Gate();
        world.fault("pool/a@s2", new FakeWorld.Fault.Stall(4000, never));

        ReplicationDriver d = driver(connector, settings(1).withStallTimeout(Duration.ofMillis(300)));
        AttemptReport r = d.run();

        assertEquals(AttemptState.DONE, r.state(), r.toString());
        assertEquals(2, r.attempt());
        assertEquals(List.of("s1", "s2", "s3"), world.receiverSnapshots("pool/a"));
        assertNull(world.partial("pool/a"));
        assertTrue(world.sends.contains("pool/a@s2 resumed at 4000"), world.sends.toString());
        assertFalse(fs(r, "pool/a").steps().get(0).stalled(), "the resumed step moved");

        AttemptReport first = d.history().get(0);
        assertEquals(AttemptState.FAILED, first.state());
        assertTrue(first.error().contains("step pool/a: @s1 -> @s2 stalled: no progress for 300ms: aborted, resuming")
                && first.error().contains("retried in attempt 2"), first.error());
        StepReport stalled = fs(first, "pool/a").steps().get(0);
        assertTrue(stalled.stalled());
        assertEquals(StepState.FAILED, stalled.state());
        assertEquals(4000, stalled.bytesReplicated());
        assertEquals("no progress for 300ms: aborted, resuming from its resume token", stalled.error());
        assertTrue(connector.sessions().get(0).closed(), "the stalled step's session was closed");
        assertEquals(List.of(), world.violations);
    }

    @Test
    void aSlowStreamThatKeepsMovingIsNotAborted() throws Exception {
        world.snapshots("pool/a", "s1");
        world.size("pool/a@s1", 40_000);
        world.fault("pool/a@s1", new FakeWorld.Fault.Slow(60));

        ReplicationDriver d = driver(connector, settings(1).withStallTimeout(Duration.ofMillis(200)));
        AttemptReport r = d.run();

        assertEquals(AttemptState.DONE, r.state(), r.toString());
        assertEquals(1, r.attempt(), "no stall, no second attempt");
        assertFalse(fs(r, "pool/a").steps().get(0).stalled());
    }

    @Test
    void aStallOnTheLastAttemptFailsTheRun() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        for (int i = 0; i < 3; i++) {
            world.fault("pool/a@s2", new FakeWorld.Fault.Stall(1000, new Gate()));
        }

        AttemptReport r = driver(connector, settings(1).withStallTimeout(Duration.ofMillis(200))).run();

        assertEquals(AttemptState.FAILED, r.state());
        assertEquals(3, r.attempt());
        assertTrue(r.error().contains("stalled: no progress for 200ms") && r.error().endsWith("(gave up after 3 attempts)"),
                r.error());
        assertEquals(3000, world.partial("pool/a").offset(), "each attempt resumed where the last one stalled");
    }

    @Test
    void aStoppedLocalRecvIsKilledAndTheStepResumesFromItsTokenInTheNextAttempt() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        world.stuckReceive("pool/a@s2", 4000);

        ReplicationDriver d = driver(connector, settings(1).withStallTimeout(Duration.ofMillis(300)));
        AttemptReport r = d.run();

        assertEquals(AttemptState.DONE, r.state(), r.toString());
        assertEquals(2, r.attempt());
        assertEquals(List.of("zfs recv pool/a@s2"), world.killed, "the stopped recv was killed");
        assertEquals(List.of("s1", "s2"), world.receiverSnapshots("pool/a"));
        assertTrue(world.sends.contains("pool/a@s2 resumed at 4000"), world.sends.toString());
        StepReport stalled = fs(d.history().get(0), "pool/a").steps().get(0);
        assertTrue(stalled.stalled());
        assertEquals(4000, stalled.bytesReplicated());
        assertEquals("no progress for 300ms: aborted, resuming from its resume token", stalled.error());
        assertEquals(List.of(), world.violations);
    }

    @Test
    void aLocalSendThatHangsBeforeAnsweringIsKilledAndTheStepRunsAgain() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        world.fault("pool/a@s2", new FakeWorld.Fault.HungSend());

        ReplicationDriver d = driver(connector, settings(1).withStallTimeout(Duration.ofMillis(300)));
        AttemptReport r = d.run();

        assertEquals(AttemptState.DONE, r.state(), r.toString());
        assertEquals(2, r.attempt());
        assertEquals(List.of("zfs send pool/a@s2"), world.killed, "the hung send was killed");
        assertEquals(List.of("s1", "s2"), world.receiverSnapshots("pool/a"));
        AttemptReport first = d.history().get(0);
        assertTrue(first.error().contains("step pool/a: @s1 -> @s2 stalled: no progress for 300ms"), first.error());
        StepReport stalled = fs(first, "pool/a").steps().get(0);
        assertTrue(stalled.stalled());
        assertEquals(0, stalled.bytesReplicated());
        assertEquals(List.of(), world.violations);
    }

    @Test
    void aSizeEstimateThatHangsIsKilledAndTheStepGoesOnWithoutASize() throws Exception {
        world.snapshots("pool/a", "s1");
        world.fault("pool/a@s1#dry", new FakeWorld.Fault.HungSend());
        DriverSettings withEstimates = new DriverSettings(1, 1, 3, Duration.ofSeconds(2), Drivers.PROTECTION,
                org.jzrepl.replication.plan.PlanPolicy.DEFAULT).withStallTimeout(Duration.ofMillis(300));

        AttemptReport r = driver(connector, withEstimates).run();

        assertEquals(AttemptState.DONE, r.state(), r.toString());
        assertEquals(1, r.attempt(), "a killed local estimate is not a connection failure");
        assertEquals(List.of("zfs send -nvP pool/a@s1"), world.killed);
        assertEquals(List.of("s1"), world.receiverSnapshots("pool/a"));
        assertEquals(0, world.sendsWithKnownSize.get(), "the step asked for its size itself");
        assertEquals(List.of(), world.violations);
    }
}
