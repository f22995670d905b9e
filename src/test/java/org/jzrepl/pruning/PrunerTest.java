package org.jzrepl.pruning;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.jzrepl.endpoint.Messages.DestroySnapshotsRequest;
import org.jzrepl.endpoint.Messages.DestroySnapshotsResponse;
import org.jzrepl.endpoint.Messages.FilesystemRequest;
import org.jzrepl.endpoint.Messages.ListFilesystemsResponse;
import org.jzrepl.endpoint.Messages.ListVersionsResponse;
import org.jzrepl.endpoint.Messages.PingRequest;
import org.jzrepl.endpoint.Messages.PingResponse;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.pruning.PruneReport.FilesystemState;
import org.jzrepl.pruning.PruneReport.State;
import org.jzrepl.runtime.Sleeper;
import org.jzrepl.zfs.DatasetPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jzrepl.pruning.Snaps.lastN;

/** The pruner over the real ZFS-backed endpoints on in-memory pools. */
class PrunerTest {

    private final List<Duration> slept = new ArrayList<>();
    private final Sleeper sleeper = (d, wake) -> {
        slept.add(d);
        return false;
    };
    private final PruneWorld w = new PruneWorld("pull_a");
    private final PruneWorld.Target t = w.target(0);

    PrunerTest() throws Exception {
        for (String s : List.of("a", "b", "c", "d")) {
            w.snap(s);
        }
    }

    private static KeepRegex nothing() {
        return new KeepRegex(Pattern.compile("^keep"), false);
    }

    @Test
    void theSenderKeepsTheCursorsSnapshotWhenTheRulesWouldDestroyAll() throws Exception {
        w.replicate(t, "a", true);
        w.replicate(t, "b", true);
        PruneReport r = Pruner.sender(t.sender, t.receiver, "pull_a", List.of(lastN(1, "")), PruneSettings.DEFAULT, sleeper).run();
        assertEquals(List.of("b", "d"), w.source.snapshotNames(PruneWorld.FS));
        assertEquals(State.DONE, r.state());
        PruneReport.Filesystem fs = data(r);
        assertEquals(List.of("a", "c"), fs.destroyed());
        assertEquals("b", fs.protectedSnapshots().get(0).snapshot());
        assertEquals(List.of("replication cursor of job pull_a",
                "incremental base of client pull_a (its newest snapshot the sender has)"),
                fs.protectedSnapshots().get(0).reasons());
        assertEquals(2, r.destroyed());
        assertEquals(0, r.errors());
    }

    @Test
    void aLostSendCompletedStillKeepsWhatTheReceiverHas() throws Exception {
        w.replicate(t, "a", true);
        w.replicate(t, "c", false);
        Pruner.sender(t.sender, t.receiver, "pull_a", List.of(lastN(1, "")), PruneSettings.DEFAULT, sleeper).run();
        assertEquals(List.of("a", "c", "d"), w.source.snapshotNames(PruneWorld.FS), "a: cursor, c: receiver's newest");
    }

    @Test
    void theReceiverKeepsItsNewestCommonSnapshotWhenTheRulesWouldDestroyAll() throws Exception {
        for (String s : List.of("a", "b", "c")) {
            w.replicate(t, s, true);
        }
        PruneReport r = Pruner.receiver(t.receiver, t.sender, List.of(nothing()), PruneSettings.DEFAULT, sleeper).run();
        assertEquals(List.of("c"), t.pool.snapshotNames(t.fs()));
        assertEquals(List.of("a", "b"), data(r).destroyed());
        assertTrue(data(r).protectedSnapshots().get(0).reasons().get(0)
                .startsWith("newest snapshot the sender still has"));
    }

    @Test
    void heldSnapshotsAreSkippedWithTheHoldNamedNotAnError() throws Exception {
        for (String s : List.of("a", "b", "c")) {
            w.replicate(t, s, true);
        }
        t.pool.hold(t.fs(), "a", "operator-keep");
        PruneReport r = Pruner.receiver(t.receiver, t.sender, List.of(nothing()), PruneSettings.DEFAULT, sleeper).run();
        PruneReport.Filesystem fs = data(r);
        assertEquals(List.of(new PruneReport.Held("a", List.of("operator-keep"))), fs.held());
        assertEquals(FilesystemState.DONE, fs.state());
        assertEquals(0, fs.errorCount());
        assertEquals(List.of("a", "c"), t.pool.snapshotNames(t.fs()));
        assertEquals(List.of(), slept, "nothing to try again");
    }

    @Test
    void receiverFilesystemsWithoutSenderCounterpartAreLeftAlone() throws Exception {
        w.replicate(t, "a", true);
        DatasetPath orphan = PruneWorld.ROOT.child("pool").child("gone");
        t.pool.create(orphan, Map.of(), true);
        t.pool.snapshot(orphan, "x");
        PruneReport r = Pruner.receiver(t.receiver, t.sender, List.of(nothing()), PruneSettings.DEFAULT, sleeper).run();
        PruneReport.Filesystem gone = r.filesystems().stream().filter(f -> f.filesystem().equals("pool/gone")).findFirst().orElseThrow();
        assertEquals(FilesystemState.SKIPPED, gone.state());
        assertEquals(SidePlanner.NO_COUNTERPART, gone.skipped());
        assertEquals(List.of("x"), t.pool.snapshotNames(orphan));
    }

    @Test
    void notReplicatedWithoutACursorSkipsTheFilesystem() throws Exception {
        PruneReport r = Pruner.sender(t.sender, t.receiver, "pull_a", List.of(new KeepNotReplicated(true)),
                PruneSettings.DEFAULT, sleeper).run();
        assertTrue(data(r).skipped().startsWith(FilesystemPlanner.REPLICATE_FIRST), r.toString());
        assertEquals(List.of("a", "b", "c", "d"), w.source.snapshotNames(PruneWorld.FS));
    }

    @Test
    void theDryRunIsThePlanAndDestroysNothing() throws Exception {
        w.replicate(t, "b", true);
        Pruner p = Pruner.sender(t.sender, t.receiver, "pull_a", List.of(lastN(1, "")), PruneSettings.DEFAULT, sleeper);
        List<FilesystemPrunePlan> plan = p.dryRun();
        assertEquals(List.of("a", "c"), plan.get(1).destroy());
        assertEquals(List.of("a", "b", "c", "d"), w.source.snapshotNames(PruneWorld.FS));
        assertEquals(plan.get(1).destroy(), data(p.run()).destroyed());
    }

    @Test
    void aFailedFilesystemIsTriedAgainAfterABackoffWithinTheRun() throws Exception {
        for (String s : List.of("a", "b", "c")) {
            w.replicate(t, s, true);
        }
        Flaky flaky = new Flaky(t.receiver, 2);
        PruneSettings settings = new PruneSettings(3, Duration.ofSeconds(5), Duration.ofSeconds(60));
        PruneReport r = Pruner.receiver(flaky, t.sender, List.of(nothing()), settings, sleeper).run();
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10)), slept);
        assertEquals(State.DONE, r.state());
        assertEquals(2, data(r).errorCount());
        assertTrue(data(r).lastError().contains("pool is suspended"), r.toString());
        assertEquals(List.of("c"), t.pool.snapshotNames(t.fs()));
    }

    @Test
    void triesUsedUpLeaveTheSideFailedWithTheLastError() throws Exception {
        w.replicate(t, "a", true);
        w.replicate(t, "b", true);
        PruneSettings settings = new PruneSettings(2, Duration.ofSeconds(1), Duration.ofSeconds(1));
        PruneReport r = Pruner.receiver(new Flaky(t.receiver, 99), t.sender, List.of(nothing()), settings, sleeper).run();
        assertEquals(State.FAILED, r.state());
        assertEquals(FilesystemState.FAILED, data(r).state());
        assertEquals(2, r.errors());
        assertEquals(0, r.pending());
        assertNull(r.error());
    }

    @Test
    void theReportIsJson() throws Exception {
        w.replicate(t, "b", true);
        PruneReport r = Pruner.sender(t.sender, t.receiver, "pull_a", List.of(lastN(1, "")), PruneSettings.DEFAULT, sleeper).run();
        ObjectMapper m = new ObjectMapper();
        String json = m.writeValueAsString(r);
        assertTrue(json.contains("\"protectedSnapshots\":[{\"snapshot\":\"b\""), json);
        assertEquals(r, m.readValue(json, PruneReport.class));
    }

    private static PruneReport.Filesystem data(PruneReport r) {
        return r.filesystems().stream().filter(f -> f.filesystem().equals("pool/data")).findFirst().orElseThrow();
    }

    /** A receiver whose first {@code failures} destroy calls fail as a connection would. */
    private static final class Flaky implements Receiver {
        private final Receiver inner;
        private int failures;

        Flaky(Receiver inner, int failures) {
            this.inner = inner;
            this.failures = failures;
        }

        @Override
        public DestroySnapshotsResponse destroySnapshots(DestroySnapshotsRequest request) throws IOException {
            if (failures-- > 0) {
                throw new IOException("pool is suspended\nfake second line");
            }
            return inner.destroySnapshots(request);
        }

        @Override
        public PingResponse ping(PingRequest request) throws IOException {
            return inner.ping(request);
        }

        @Override
        public ListFilesystemsResponse listFilesystems() throws IOException {
            return inner.listFilesystems();
        }

        @Override
        public ListVersionsResponse listFilesystemVersions(FilesystemRequest request) throws IOException {
            return inner.listFilesystemVersions(request);
        }

        @Override
        public void receive(ReceiveRequest request, java.io.InputStream stream) throws IOException {
            inner.receive(request, stream);
        }
    }
}
