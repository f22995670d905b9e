package org.jzrepl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.daemon.Daemon;
import org.jzrepl.job.JobReport;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;

/**
 * The data-safety matrix, item 1, through a push daemon and a sink on real ZFS: a push first
 * selects a filesystem and its grandchild, so the child between them becomes a placeholder on the
 * sink; then the whole tree. The placeholder is replaced by a real receive while the received
 * grandchild survives and goes on incrementally; a placeholder someone snapshotted is never
 * forced over; and for an encrypted tree (raw sends), where zfs refuses {@code recv -F}, the
 * replacement is refused with the reason and the children are kept.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class SafetyPlaceholderIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    static final String NO_PRUNING = "    pruning: {keep_sender: [], keep_receiver: []}\n";

    final SafetyRig rig = new SafetyRig(TESTBED);
    @TempDir
    Path tmp;

    @Test
    void aPlaceholderIsReplacedByARealReceiveAndItsReceivedChildrenSurvive() throws Exception {
        DatasetPath a = TESTBED.path("u/src/a");
        DatasetPath b = a.child("b");          // unselected at first: a placeholder on the sink
        DatasetPath c = b.child("c");
        DatasetPath d = a.child("d");          // the same, but someone snapshots its placeholder
        DatasetPath e = d.child("e");
        DatasetPath sinkRoot = TESTBED.path("u/sink");
        TESTBED.guest("zfs create -p " + c + " && zfs create -p " + e + " && zfs create " + sinkRoot);
        TESTBED.writeRandomKib(b, "b.bin", 64);       // b first: mounting b later would hide c's mount
        TESTBED.writeRandomKib(c, "c.bin", 64);
        TESTBED.guest("zfs snapshot -r " + a + "@s1");
        DatasetPath sink = sinkRoot.child("lab");
        try (Daemon dm = rig.daemon(tmp.resolve("d1"), SafetyRig.sink("sink", sinkRoot) + SafetyRig.push("push",
                "sink", "lab", "{\"" + a + "\": true, \"" + c + "\": true, \"" + e + "\": true}", NO_PRUNING))) {
            SafetyRig.runDone(dm, "push");
        }
        assertEquals("on", rig.property(sink.resolve(b), "jzrepl:placeholder"));
        assertEquals(List.of("s1"), rig.snapshots(sink.resolve(c)));
        rig.snapshot(sink.resolve(d), "mine");             // the placeholder now has a snapshot: never -F
        TESTBED.guest("zfs snapshot -r " + a + "@s2");

        try (Daemon dm = rig.daemon(tmp.resolve("d2"), SafetyRig.sink("sink", sinkRoot)
                + SafetyRig.push("push", "sink", "lab", "{\"" + a + "<\": true}", NO_PRUNING))) {
            JobReport.Active r = SafetyRig.run(dm, "push");
            assertEquals(List.of(">@s2"), SafetyRig.steps(r.last(), b), "a full receive over the placeholder: " + r);
            assertEquals(List.of("@s1>@s2"), SafetyRig.steps(r.last(), c), r.toString());
            assertEquals(List.of("@s1>@s2"), SafetyRig.steps(r.last(), e), r.toString());
            FilesystemReport fd = SafetyRig.fs(r.last(), d);
            assertTrue(fd.state().failed(), "the snapshotted placeholder is not forced over: " + fd);
        }
        assertEquals("off", rig.property(sink.resolve(b), "jzrepl:placeholder"), "b is real now");
        assertEquals(List.of("s2"), rig.snapshots(sink.resolve(b)));
        assertEquals(List.of("s1", "s2"), rig.snapshots(sink.resolve(c)), "the received child survived");
        assertEquals(rig.guid(b, "@s2"), rig.guid(sink.resolve(b), "@s2"));   // guids: mounts nested in b are busy
        assertEquals(rig.guid(c, "@s2"), rig.guid(sink.resolve(c), "@s2"));
        assertEquals(List.of("mine"), rig.snapshots(sink.resolve(d)), "the snapshotted placeholder is untouched");
        assertEquals(List.of("s1", "s2"), rig.snapshots(sink.resolve(e)));
    }

    @Test
    void anEncryptedPlaceholderReplacementIsRefusedWithTheReasonAndTheChildrenKept() throws Exception {
        DatasetPath enc = TESTBED.path("x/src/enc");
        DatasetPath g = enc.child("g");
        DatasetPath lone = TESTBED.path("x/src/lone");     // an encrypted root whose placeholder has no children
        DatasetPath h = lone.child("h");
        DatasetPath sinkRoot = TESTBED.path("x/sink");
        String key = TESTBED.keyLocation("correct horse battery staple");
        TESTBED.guest("zfs create -p " + TESTBED.path("x/src") + " && zfs create -o encryption=on -o keyformat=passphrase"
                + " -o keylocation=" + key + " " + enc + " && zfs create " + g
                + " && zfs create -o encryption=on -o keyformat=passphrase -o keylocation=" + key + " " + lone
                + " && zfs create " + h + " && zfs create " + sinkRoot);
        TESTBED.writeRandomKib(g, "g.bin", 64);
        TESTBED.guest("zfs snapshot -r " + TESTBED.path("x/src") + "@s1");
        DatasetPath sink = sinkRoot.child("lab");
        String raw = NO_PRUNING + "    send: {encrypted: true}\n";
        try (Daemon dm = rig.daemon(tmp.resolve("d1"), SafetyRig.sink("sink", sinkRoot) + SafetyRig.push("push",
                "sink", "lab", "{\"" + g + "\": true, \"" + h + "\": true}", raw))) {
            SafetyRig.runDone(dm, "push");
        }
        assertEquals("on", rig.property(sink.resolve(enc), "jzrepl:placeholder"));
        assertEquals(List.of("s1"), rig.snapshots(sink.resolve(g)));
        String hs1 = ZfsTestbed.quote(sink.resolve(h) + "@s1");    // lone's placeholder is left without children
        TESTBED.guest("zfs holds -H " + hs1 + " | cut -f2 | xargs -r -I{} zfs release {} " + hs1
                + " && zfs destroy -r " + sink.resolve(h));
        TESTBED.guest("zfs snapshot -r " + TESTBED.path("x/src") + "@s2");

        try (Daemon dm = rig.daemon(tmp.resolve("d2"), SafetyRig.sink("sink", sinkRoot) + SafetyRig.push("push",
                "sink", "lab", "{\"" + enc + "\": true, \"" + g + "\": true, \"" + lone + "\": true}", raw))) {
            JobReport.Active r = SafetyRig.run(dm, "push");
            FilesystemReport fe = SafetyRig.fs(r.last(), enc);
            assertTrue(fe.state().failed() && fe.error().contains("placeholder") && fe.error().contains("encrypted")
                    && fe.error().contains(sink.resolve(g).name()) && fe.error().contains("Nothing was received"),
                    "refused with the reason: " + fe);
            assertEquals(List.of("@s1>@s2"), SafetyRig.steps(r.last(), g), r.toString());
            assertEquals(List.of(">@s2"), SafetyRig.steps(r.last(), lone), r.toString());
            assertTrue(!SafetyRig.fs(r.last(), lone).state().failed(), "the childless placeholder was replaced: " + r);
        }
        assertEquals("on", rig.property(sink.resolve(enc), "jzrepl:placeholder"), "the placeholder stays");
        assertEquals(List.of("s1", "s2"), rig.snapshots(sink.resolve(g)), "the child is kept and goes on");
        assertEquals(List.of("s2"), rig.snapshots(sink.resolve(lone)));
        assertEquals(sink.resolve(lone).name(), rig.property(sink.resolve(lone), "encryptionroot"),
                "lone arrived encrypted, as its own encryption root");
        assertEquals(rig.guid(lone, "@s2"), rig.guid(sink.resolve(lone), "@s2"));
    }
}
