package org.jzrepl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.jzrepl.pruning.PruneReport;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;

/**
 * The data-safety matrix, items 2 and 3, through a push daemon and a sink on real ZFS, with
 * sender rules that would destroy every snapshot: a lost {@code sendCompleted} (the receiver has
 * the step's snapshot, the cursor did not move) does not let the sender's prune destroy the
 * incremental base; and when the common snapshot is gone from the sender, the engine plans the
 * next step from the cursor bookmark.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class SafetyCursorIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    /** Keeps nothing on the sender (no snapshot is named keep_*): only protection keeps. */
    static final String PRUNE_SENDER_ALL = "    pruning:\n      keep_sender: [{type: regex, regex: \"^keep_\"}]\n"
            + "      keep_receiver: [{type: last_n, count: 10}]\n";

    final SafetyRig rig = new SafetyRig(TESTBED);
    @TempDir
    Path tmp;

    /** Item 2: the daemon died after the receive of s2, before its sendCompleted moved the cursor. */
    @Test
    void lostSendCompletedKeepsTheReceiversNewestOnTheSenderAndTheNextRunGoesIncremental() throws Exception {
        DatasetPath data = TESTBED.path("lost/src/data");
        DatasetPath sinkRoot = TESTBED.path("lost/sink");
        TESTBED.guest("zfs create -p " + data + " && zfs create " + sinkRoot);
        TESTBED.writeRandomKib(data, "a.bin", 64);
        rig.snapshot(data, "s1");
        DatasetPath target = sinkRoot.child("lab").resolve(data);
        try (Daemon d = rig.daemon(tmp.resolve("d"), SafetyRig.sink("sink", sinkRoot)
                + SafetyRig.push("push", "sink", "lab", "{\"" + data + "\": true}", PRUNE_SENDER_ALL))) {
            SafetyRig.runDone(d, "push");
            assertEquals(List.of("s1"), rig.snapshots(target));
            String cursorAtS1 = rig.bookmarks(data, SafetyRig.CURSOR).get(0);

            // the crash: s2 arrived at the sink, but the sender never heard of it
            TESTBED.writeRandomKib(data, "b.bin", 64);
            rig.snapshot(data, "s2");
            TESTBED.guest("zfs send -i @s1 " + data + "@s2 | zfs recv -u " + target);
            assertEquals(List.of(cursorAtS1), rig.bookmarks(data, SafetyRig.CURSOR), "the cursor is still at s1");

            JobReport.Active upToDate = SafetyRig.runDone(d, "push");
            assertEquals(List.of(), SafetyRig.steps(upToDate.last(), data), "nothing to send: " + upToDate);
            assertTrue(rig.snapshots(data).contains("s2"), "the sender's prune kept s2, the receiver's newest: "
                    + SafetyRig.pruning(upToDate, PruneReport.Side.SENDER));

            TESTBED.writeRandomKib(data, "c.bin", 64);
            rig.snapshot(data, "s3");
            JobReport.Active next = SafetyRig.runDone(d, "push");
            assertEquals(List.of("@s2>@s3"), SafetyRig.steps(next.last(), data), "incremental from s2: " + next);
        }
        assertEquals(List.of("s1", "s2", "s3"), rig.snapshots(target));
        assertEquals(TESTBED.checksum(data, "s3"), TESTBED.checksum(target, "s3"));
        assertEquals(rig.guid(data, "@s3"), rig.guid(target, "@s3"));
    }

    /** Item 3: s1, the only snapshot both sides share, is destroyed on the sender; its cursor bookmark stays. */
    @Test
    void afterTheCommonSnapshotIsGoneTheEnginePlansFromTheCursorBookmark() throws Exception {
        DatasetPath data = TESTBED.path("bm/src/data");
        DatasetPath sinkRoot = TESTBED.path("bm/sink");
        TESTBED.guest("zfs create -p " + data + " && zfs create " + sinkRoot);
        TESTBED.writeRandomKib(data, "a.bin", 64);
        rig.snapshot(data, "s1");
        DatasetPath target = sinkRoot.child("lab").resolve(data);
        try (Daemon d = rig.daemon(tmp.resolve("d"), SafetyRig.sink("sink", sinkRoot)
                + SafetyRig.push("push", "sink", "lab", "{\"" + data + "\": true}", PRUNE_SENDER_ALL))) {
            SafetyRig.runDone(d, "push");
            List<String> cursors = rig.bookmarks(data, SafetyRig.CURSOR);
            assertEquals(1, cursors.size(), "one cursor: " + cursors);
            assertEquals(rig.guid(data, "@s1"), rig.guid(data, "#" + cursors.get(0)));
            assertEquals(List.of("s1"), rig.snapshots(data), "the sender's prune kept the cursor's snapshot");

            TESTBED.guest("zfs destroy " + data + "@s1");    // pruned by another tool or by hand
            TESTBED.writeRandomKib(data, "b.bin", 64);
            rig.snapshot(data, "s2");
            JobReport.Active r = SafetyRig.runDone(d, "push");

            assertEquals(List.of("#" + cursors.get(0) + ">@s2"), SafetyRig.steps(r.last(), data),
                    "one incremental step from the cursor bookmark: " + r);
            List<String> now = rig.bookmarks(data, SafetyRig.CURSOR);
            assertEquals(1, now.size(), "the cursor moved, the old one is gone: " + now);
            assertEquals(rig.guid(data, "@s2"), rig.guid(data, "#" + now.get(0)));
            assertFalse(rig.snapshots(data).isEmpty(), "s2 stays on the sender");
        }
        assertEquals(List.of("s1", "s2"), rig.snapshots(target));
        assertEquals(TESTBED.checksum(data, "s2"), TESTBED.checksum(target, "s2"));
    }
}
