package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.Messages.DestroyResult;
import org.jzrepl.endpoint.Messages.DestroySnapshotsRequest;
import org.jzrepl.testing.zfs.InMemoryZfs;
import org.jzrepl.util.log.LogEntry;
import org.jzrepl.util.log.Logging;
import org.jzrepl.zfs.DatasetPath;

/**
 * The receiver releases a stale last-received hold of its own job when pruning wants the snapshot
 * gone and the newest snapshot carries the same hold; it never touches other holds, and never
 * releases when the newest lacks the hold. The usual prune costs no extra command.
 */
class StaleHoldRepairTest {
    private static final DatasetPath ROOT = DatasetPath.parse("tank/sink");
    private static final DatasetPath FS = DatasetPath.parse("tank/sink/client/pool/data");
    private static final String TAG = AbstractionNames.lastReceivedHold("sink1");

    private final InMemoryZfs zfs = new InMemoryZfs();
    private final ZfsReceiver receiver = ZfsReceiver.forSink(zfs, "sink1", ROOT, "client", RecvOptions.DEFAULT);

    @BeforeEach
    void snapshots() throws Exception {
        zfs.create(FS, Map.of(), true);
        for (String s : List.of("a", "b", "c", "d")) {
            zfs.snapshot(FS, s);
        }
        zfs.hold(FS, "d", TAG);                      // where the last receive put it
    }

    private int callsBefore;

    /** The zfs calls of the last {@link #destroy}. */
    private List<String> calls() {
        List<String> all = zfs.calls();
        return all.subList(callsBefore, all.size());
    }

    private Map<String, DestroyResult> destroy(String... names) throws Exception {
        callsBefore = zfs.calls().size();
        return receiver.destroySnapshots(new DestroySnapshotsRequest("pool/data", List.of(names))).results().stream()
                .collect(Collectors.toMap(DestroyResult::snapshot, Function.identity()));
    }

    @Test
    void aStaleHoldIsReleasedAndItsSnapshotDestroyedWhileTheNewestKeepsIts() throws Exception {
        zfs.hold(FS, "a", TAG);
        zfs.hold(FS, "b", TAG);
        List<LogEntry> logged = new CopyOnWriteArrayList<>();
        Consumer<LogEntry> listener = logged::add;
        Logging.addListener(listener);
        Map<String, DestroyResult> r;
        try {
            r = destroy("a", "b", "c");
        } finally {
            Logging.removeListener(listener);
        }
        List<LogEntry> repairs = logged.stream().filter(e -> e.message().startsWith("released the stale hold")).toList();
        assertEquals(1, repairs.size(), "one warning, which SoakIT looks for: " + logged);
        assertEquals(LogEntry.Level.WARN, repairs.get(0).level());
        assertTrue(repairs.get(0).message().contains(TAG + " from 2 snapshot(s) of " + FS), repairs.get(0).message());
        r.values().forEach(x -> assertNull(x.error(), x.toString()));
        r.values().forEach(x -> assertEquals(List.of(), x.holds(), x.toString()));
        assertEquals(List.of("d"), zfs.snapshotNames(FS));
        assertEquals(List.of(TAG), zfs.holds(FS, "d"));
    }

    @Test
    void otherHoldsStayAndTheSnapshotWithThem() throws Exception {
        zfs.hold(FS, "b", TAG);
        zfs.hold(FS, "b", "keep");
        Map<String, DestroyResult> r = destroy("b");
        assertTrue(r.get("b").error().contains("busy"), r.toString());
        assertEquals(List.of("keep"), r.get("b").holds(), "reported with the hold that keeps it");
        assertEquals(List.of("keep"), zfs.holds(FS, "b"), "only the stale tag was released");
        assertEquals(List.of("a", "b", "c", "d"), zfs.snapshotNames(FS));
    }

    @Test
    void nothingIsReleasedWhenTheNewestDoesNotCarryTheHold() throws Exception {
        zfs.release(FS, "d", TAG);
        zfs.hold(FS, "b", TAG);
        Map<String, DestroyResult> r = destroy("b");
        assertTrue(r.get("b").error().contains("busy"), r.toString());
        assertEquals(List.of(TAG), r.get("b").holds());
        assertEquals(List.of(TAG), zfs.holds(FS, "b"));
        assertFalse(calls().contains("release"), calls().toString());
    }

    @Test
    void anotherJobsHoldIsNotThisReceiversToRelease() throws Exception {
        String other = AbstractionNames.lastReceivedHold("other");
        zfs.hold(FS, "b", other);
        zfs.hold(FS, "d", other);
        Map<String, DestroyResult> r = destroy("b");
        assertEquals(List.of(other), r.get("b").holds());
        assertEquals(List.of(other), zfs.holds(FS, "b"));
    }

    @Test
    void theUsualPruneRunsNoExtraCommand() throws Exception {
        Map<String, DestroyResult> r = destroy("a", "b");
        r.values().forEach(x -> assertNull(x.error(), x.toString()));
        assertEquals(List.of("dataset", "destroySnapshots"), calls());
    }
}
