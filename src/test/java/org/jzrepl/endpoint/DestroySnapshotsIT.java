package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.Messages.DestroyResult;
import org.jzrepl.endpoint.Messages.DestroySnapshotsRequest;
import org.jzrepl.endpoint.Messages.DestroySnapshotsResponse;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.cmd.ZfsCli;

/**
 * DestroySnapshots on real ZFS: one listing of the filesystem, then one {@code zfs destroy} of
 * exactly the requested snapshots that exist; names that do not exist cost nothing more.
 */
@Timeout(300)
class DestroySnapshotsIT {

    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();

    final List<String> metered = new CopyOnWriteArrayList<>();
    final ZfsCli zfs = TESTBED.zfs((verb, duration, exit) -> metered.add(verb + ":" + exit));

    private List<String> snapshots(DatasetPath fs) throws Exception {
        return zfs.dataset(fs).orElseThrow().snapshots().stream().map(FilesystemVersion::name).toList();
    }

    @Test
    void existingAndMissingNamesDestroyExactlyTheExistingOnesAfterOneListing() throws Exception {
        DatasetPath fs = TESTBED.path("src");
        zfs.create(fs.child("child"), Map.of(), true);
        for (String s : List.of("a", "b", "c", "d")) {
            zfs.snapshot(fs, s);
        }
        zfs.snapshot(fs.child("child"), "a");
        ZfsSender sender = new ZfsSender(zfs, "job", FilesystemFilter.of(Map.of(fs.name() + "<", true)),
                SendFlags.NONE);
        List<String> asked = List.of("nope1", "a", "c", "nope2", "a", "zrepl_20260101_000000_000");
        metered.clear();

        DestroySnapshotsResponse r = sender.destroySnapshots(new DestroySnapshotsRequest(fs.name(), asked));

        assertEquals(List.of("list:0", "destroy:0"), metered, "one listing, one destroy command");
        assertEquals(asked, r.results().stream().map(DestroyResult::snapshot).toList());
        r.results().forEach(x -> assertNull(x.error(), x.toString()));
        assertEquals(List.of("b", "d"), snapshots(fs));
        assertEquals(List.of("a"), snapshots(fs.child("child")), "the child's snapshot of the same name stays");
    }

    @Test
    void theReceiverRefusesItsNewestAndZfsRefusesAHeldOneWhileTheOthersGo() throws Exception {
        DatasetPath root = TESTBED.path("sink");
        DatasetPath fs = root.child("client").child("pool").child("data");
        zfs.create(fs, Map.of(), true);
        for (String s : List.of("a", "b", "c")) {
            zfs.snapshot(fs, s);
        }
        zfs.hold(fs, "a", "keep");
        ZfsReceiver receiver = ZfsReceiver.forSink(zfs, "sink1", root, "client", RecvOptions.DEFAULT);
        try {
            DestroySnapshotsResponse r = receiver.destroySnapshots(
                    new DestroySnapshotsRequest("pool/data", List.of("a", "b", "c", "gone")));
            Map<String, String> errors = new java.util.HashMap<>();
            r.results().forEach(x -> errors.put(x.snapshot(), x.error()));
            assertTrue(errors.get("a") != null && errors.get("a").contains("busy"), errors.toString());
            assertNull(errors.get("b"));
            assertTrue(errors.get("c").startsWith("refused: the newest"), errors.toString());
            assertNull(errors.get("gone"));
            assertEquals(List.of("a", "c"), snapshots(fs));
        } finally {
            zfs.release(fs, "a", "keep");
        }
    }

    @Test
    void aStaleLastReceivedHoldIsReleasedWhenTheNewestCarriesItAndNoOtherHoldIsTouched() throws Exception {
        DatasetPath root = TESTBED.path("stale");
        DatasetPath fs = root.child("client").child("pool").child("data");
        zfs.create(fs, Map.of(), true);
        for (String s : List.of("a", "b", "c", "d")) {
            zfs.snapshot(fs, s);
        }
        String tag = AbstractionNames.lastReceivedHold("sink1");
        zfs.hold(fs, List.of("a", "b", "d"), tag);          // d: where the last receive put it
        zfs.hold(fs, "b", "keep");
        ZfsReceiver receiver = ZfsReceiver.forSink(zfs, "sink1", root, "client", RecvOptions.DEFAULT);
        try {
            metered.clear();
            DestroySnapshotsResponse r = receiver.destroySnapshots(
                    new DestroySnapshotsRequest("pool/data", List.of("a", "b", "c")));
            List<String> commands = List.copyOf(metered);
            Map<String, DestroyResult> by = new java.util.HashMap<>();
            r.results().forEach(x -> by.put(x.snapshot(), x));
            assertNull(by.get("a").error(), r.toString());
            assertNull(by.get("c").error(), r.toString());
            assertTrue(by.get("b").error().contains("busy"), r.toString());
            assertEquals(List.of("keep"), by.get("b").holds(), "b is reported with the hold that keeps it");
            assertEquals(List.of("b", "d"), snapshots(fs));
            assertEquals(List.of("keep"), zfs.holds(fs, "b"), "only the stale tag left b");
            assertEquals(List.of(tag), zfs.holds(fs, "d"), "the newest keeps its hold");
            // after the listing and the destroy (which zfs refuses as a whole, so ZfsCli tries one by
            // one): the holds of the two busy ones and of the newest, one release, one destroy
            assertEquals(List.of("holds:0", "holds:0", "holds:0", "release:0", "destroy:0"),
                    commands.subList(commands.size() - 5, commands.size()), commands.toString());
            assertEquals("list:0", commands.get(0), commands.toString());
        } finally {
            zfs.release(fs, "b", "keep");
            zfs.release(fs, "d", tag);
        }
    }

    @Test
    void moreThanTheCapIsRefusedBeforeAnyCommand() throws Exception {
        DatasetPath fs = TESTBED.path("capped");
        zfs.create(fs, Map.of(), false);
        ZfsSender sender = new ZfsSender(zfs, "job", FilesystemFilter.of(Map.of(fs.name(), true)), SendFlags.NONE);
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i <= Zfs.MAX_DESTROY_SNAPSHOTS; i++) {
            names.add("s" + i);
        }
        metered.clear();
        EndpointException e = org.junit.jupiter.api.Assertions.assertThrows(EndpointException.class,
                () -> sender.destroySnapshots(new DestroySnapshotsRequest(fs.name(), names)));
        assertEquals(EndpointException.REFUSED, e.code());
        assertEquals(List.of(), metered);
    }
}
