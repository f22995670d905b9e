package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.Messages.DestroyResult;
import org.jzrepl.endpoint.Messages.DestroySnapshotsRequest;
import org.jzrepl.endpoint.Messages.DestroySnapshotsResponse;
import org.jzrepl.testing.zfs.InMemoryZfs;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.Zfs;

/**
 * DestroySnapshots on both endpoints against an in-memory zfs: the work one request may cause is
 * bounded (count, names) before zfs is asked anything, and only existing snapshots reach destroy.
 */
class DestroySnapshotsTest {

    private static final DatasetPath SRC = DatasetPath.parse("pool/data");
    private static final DatasetPath SINK_ROOT = DatasetPath.parse("tank/sink");
    private static final DatasetPath SINK_FS = DatasetPath.parse("tank/sink/client/pool/data");

    private final InMemoryZfs zfs = new InMemoryZfs();
    private final ZfsSender sender = new ZfsSender(zfs, "job", FilesystemFilter.of(Map.of("pool<", true)),
            SendFlags.NONE);
    private final ZfsReceiver receiver = ZfsReceiver.forSink(zfs, "sink1", SINK_ROOT, "client", RecvOptions.DEFAULT);

    @BeforeEach
    void datasets() throws Exception {
        zfs.create(SRC, Map.of(), true);
        zfs.create(SINK_FS, Map.of(), true);
        zfs.create(SRC.child("child"), Map.of(), false);
        for (String s : List.of("a", "b", "c", "d")) {
            zfs.snapshot(SRC, s);
            zfs.snapshot(SINK_FS, s);
        }
        zfs.snapshot(SRC.child("child"), "a");
    }

    private static List<String> names(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add("zrepl_" + i);
        }
        return out;
    }

    /** Runs the call, failing if it takes over 5 s (the old code ran for hours), and returns its time. */
    private static Duration timed(ThrowingCall call) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            long t0 = System.nanoTime();
            call.run();
            return Duration.ofNanos(System.nanoTime() - t0);
        });
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void aMillionNamesAreRefusedInUnderASecondBeforeZfsIsAsked() throws Exception {
        List<String> million = names(1_000_000);
        DestroySnapshotsRequest toSender = new DestroySnapshotsRequest(SRC.name(), million);
        DestroySnapshotsRequest toReceiver = new DestroySnapshotsRequest("pool/data", million);
        List<String> before = zfs.calls();
        for (Endpoint e : List.<Endpoint>of(sender, receiver)) {
            DestroySnapshotsRequest r = e == sender ? toSender : toReceiver;
            EndpointException[] thrown = new EndpointException[1];
            Duration took = timed(() -> thrown[0] = assertThrows(EndpointException.class, () -> e.destroySnapshots(r)));
            assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "took " + took);
            assertEquals(EndpointException.REFUSED, thrown[0].code());
            assertTrue(thrown[0].getMessage().contains("1000000 snapshot names in one request, at most "
                    + Zfs.MAX_DESTROY_SNAPSHOTS), thrown[0].getMessage());
        }
        assertEquals(before, zfs.calls(), "no zfs call at all");
        assertEquals(List.of("a", "b", "c", "d"), zfs.snapshotNames(SRC));
    }

    @Test
    void theCapIsExactAndAFullRequestIsOneListingAndOneDestroy() throws Exception {
        List<String> tooMany = names(Zfs.MAX_DESTROY_SNAPSHOTS + 1);
        assertThrows(EndpointException.class,
                () -> sender.destroySnapshots(new DestroySnapshotsRequest(SRC.name(), tooMany)));
        List<String> full = names(Zfs.MAX_DESTROY_SNAPSHOTS - 1);
        full.add("b");
        List<String> before = zfs.calls();
        Duration took = timed(() -> {
            DestroySnapshotsResponse r = sender.destroySnapshots(new DestroySnapshotsRequest(SRC.name(), full));
            assertEquals(full.size(), r.results().size());
            assertTrue(r.results().stream().allMatch(x -> x.error() == null));
        });
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "took " + took);
        assertEquals(List.of("dataset", "destroySnapshots"), zfs.calls().subList(before.size(), zfs.calls().size()));
        assertEquals(List.of("a", "c", "d"), zfs.snapshotNames(SRC));
    }

    @Test
    void onlyExistingSnapshotsReachZfsAndMissingOnesAreReportedGone() throws Exception {
        List<String> asked = List.of("gone1", "b", "gone2", "b", "d");
        DestroySnapshotsResponse r = sender.destroySnapshots(new DestroySnapshotsRequest(SRC.name(), asked));
        assertEquals(asked, r.results().stream().map(DestroyResult::snapshot).toList(), "one result per name asked");
        assertTrue(r.results().stream().allMatch(x -> x.error() == null), r.toString());
        assertEquals(List.of("a", "c"), zfs.snapshotNames(SRC));
        assertEquals(List.of("a"), zfs.snapshotNames(SRC.child("child")), "the child's snapshot is untouched");
        assertEquals(1, zfs.calls().stream().filter("destroySnapshots"::equals).count());
    }

    @Test
    void allMissingRunsNoDestroyAtAll() throws Exception {
        List<String> before = zfs.calls();
        sender.destroySnapshots(new DestroySnapshotsRequest(SRC.name(), List.of("x", "y")));
        assertEquals(List.of("dataset"), zfs.calls().subList(before.size(), zfs.calls().size()));
    }

    @Test
    void anInvalidNameRefusesTheWholeRequestBeforeZfsIsAsked() throws Exception {
        List<String> before = zfs.calls();
        for (String bad : List.of("a/b", "a@b", "", "x\ny", "-".repeat(256))) {
            EndpointException e = assertThrows(EndpointException.class,
                    () -> sender.destroySnapshots(new DestroySnapshotsRequest(SRC.name(), List.of("a", bad))));
            assertEquals(EndpointException.REFUSED, e.code());
            assertTrue(!e.getMessage().contains("\n"), "peer text escaped: " + e.getMessage());
        }
        assertEquals(before, zfs.calls());
        assertEquals(List.of("a", "b", "c", "d"), zfs.snapshotNames(SRC));
    }

    @Test
    void theReceiverKeepsItsNewestAndAHeldSnapshotFailsAlone() throws Exception {
        zfs.hold(SINK_FS, "b", "keep");
        DestroySnapshotsResponse r = receiver.destroySnapshots(
                new DestroySnapshotsRequest("pool/data", List.of("a", "b", "d", "nope")));
        Map<String, DestroyResult> by = r.results().stream()
                .collect(Collectors.toMap(DestroyResult::snapshot, Function.identity()));
        assertNull(by.get("a").error());
        assertTrue(by.get("b").error().contains("busy"), by.get("b").error());
        assertTrue(by.get("d").error().startsWith("refused: the newest"), by.get("d").error());
        assertTrue(by.get("d").refused() && !by.get("b").refused(), r.toString());
        assertNull(by.get("nope").error());
        assertEquals(List.of("b", "c", "d"), zfs.snapshotNames(SINK_FS));
    }

    @Test
    void aHeldSnapshotIsReportedWithItsHoldTags() throws Exception {
        zfs.hold(SINK_FS, "b", "keep");
        zfs.hold(SINK_FS, "b", "jzrepl_STEP_J_other");
        DestroySnapshotsResponse r = receiver.destroySnapshots(new DestroySnapshotsRequest("pool/data", List.of("a", "b")));
        assertEquals(List.of(), r.results().get(0).holds());
        assertEquals(List.of("jzrepl_STEP_J_other", "keep"), r.results().get(1).holds().stream().sorted().toList());
    }

    @Test
    void theSenderRefusesEverySnapshotACursorPointsAtOfAnyJobOrZrepl() throws Exception {
        zfs.bookmark(SRC, org.jzrepl.zfs.VersionRef.snapshot("b"), "jzrepl_CURSOR_G_0000000000000001_J_otherjob");
        zfs.bookmark(SRC, org.jzrepl.zfs.VersionRef.snapshot("c"), "zrepl_CURSOR_G_0000000000000002_J_old");
        zfs.bookmark(SRC, org.jzrepl.zfs.VersionRef.snapshot("a"), "just_a_bookmark");
        DestroySnapshotsResponse r = sender.destroySnapshots(new DestroySnapshotsRequest(SRC.name(), List.of("a", "b", "c")));
        Map<String, DestroyResult> by = r.results().stream()
                .collect(Collectors.toMap(DestroyResult::snapshot, Function.identity()));
        assertNull(by.get("a").error());
        assertTrue(by.get("b").error().contains("replication cursor of job otherjob"), by.get("b").error());
        assertTrue(by.get("c").error().contains("replication cursor of zrepl job old"), by.get("c").error());
        assertEquals(List.of("b", "c", "d"), zfs.snapshotNames(SRC));
    }
}
