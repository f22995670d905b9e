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
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;

/**
 * The data-safety matrix, item 8, through one daemon on real ZFS: two push jobs replicate one
 * dataset to two sinks, each with sender rules that keep nothing and receiver rules that keep only
 * the newest snapshot, and run interleaved with one target lagging. Neither job's pruning ever
 * takes the other's incremental base: every run after the first of each job is incremental.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class SafetyTwoTargetsIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    static final String PRUNE_HARD = "    pruning:\n      keep_sender: [{type: regex, regex: \"^keep_\"}]\n"
            + "      keep_receiver: [{type: last_n, count: 1}]\n";

    final SafetyRig rig = new SafetyRig(TESTBED);
    @TempDir
    Path tmp;

    @Test
    void twoJobsPruningOneDatasetNeverTakeEachOthersIncrementalBase() throws Exception {
        DatasetPath data = TESTBED.path("src/data");
        DatasetPath rootA = TESTBED.path("a");
        DatasetPath rootB = TESTBED.path("b");
        TESTBED.guest("zfs create -p " + data + " && zfs create " + rootA + " && zfs create " + rootB);
        DatasetPath targetA = rootA.child("lab").resolve(data);
        DatasetPath targetB = rootB.child("lab").resolve(data);
        String fs = "{\"" + data + "\": true}";
        try (Daemon d = rig.daemon(tmp.resolve("d"), SafetyRig.sink("sink_a", rootA) + SafetyRig.sink("sink_b", rootB)
                + SafetyRig.push("push_a", "sink_a", "lab", fs, PRUNE_HARD)
                + SafetyRig.push("push_b", "sink_b", "lab", fs, PRUNE_HARD))) {
            take(data, "s1");
            assertEquals(List.of(">@s1"), steps(d, "push_a", data));
            assertEquals(List.of(">@s1"), steps(d, "push_b", data));

            take(data, "s2");
            take(data, "s3");
            assertEquals(List.of("@s1>@s2", "@s2>@s3"), steps(d, "push_a", data));
            assertEquals(List.of("s1", "s3"), rig.snapshots(data), "push_a's prune kept s1, push_b's base");

            take(data, "s4");
            assertEquals(List.of("@s1>@s3", "@s3>@s4"), steps(d, "push_b", data), "push_b went on incrementally");
            assertEquals(List.of("s3", "s4"), rig.snapshots(data), "push_b's prune kept s3, push_a's base");

            take(data, "s5");
            assertEquals(List.of("@s3>@s4", "@s4>@s5"), steps(d, "push_a", data));
            assertEquals(List.of("@s4>@s5"), steps(d, "push_b", data));
        }
        assertEquals(List.of("s5"), rig.snapshots(targetA));
        assertEquals(List.of("s5"), rig.snapshots(targetB));
        assertEquals(List.of("s5"), rig.snapshots(data), "both cursors at s5, nothing else kept");
        List<String> cursors = rig.bookmarks(data, SafetyRig.CURSOR);
        assertEquals(2, cursors.size(), "one cursor per job: " + cursors);
        for (String c : cursors) {
            assertEquals(rig.guid(data, "@s5"), rig.guid(data, "#" + c), c);
        }
        assertEquals(List.of(), rig.allHolds(data, SafetyRig.STEP_HOLD), "no step hold left");
        assertEquals(TESTBED.checksum(data, "s5"), TESTBED.checksum(targetA, "s5"));
        assertEquals(TESTBED.checksum(data, "s5"), TESTBED.checksum(targetB, "s5"));
    }

    private void take(DatasetPath fs, String snapshot) {
        TESTBED.writeRandomKib(fs, snapshot + ".bin", 64);
        rig.snapshot(fs, snapshot);
    }

    private static List<String> steps(Daemon d, String job, DatasetPath fs) throws InterruptedException {
        JobReport.Active r = SafetyRig.runDone(d, job);
        assertTrue(r.last().filesystems().size() == 1, r.toString());
        return SafetyRig.steps(r.last(), fs);
    }
}
