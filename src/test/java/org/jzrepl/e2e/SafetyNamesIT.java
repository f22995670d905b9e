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
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;

/**
 * The data-safety matrix, item 6, through a push daemon and a sink on real ZFS: a filesystem named
 * with spaces and colons replicates, full then incremental, with its cursor; a filesystem whose
 * name is valid (200 bytes) but leaves no room for its cursor bookmark within ZFS's 255 bytes is
 * refused with the reason before anything is sent or received, while the other goes on.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class SafetyNamesIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    static final String JOB = "push_with_a_rather_long_name_30";

    final SafetyRig rig = new SafetyRig(TESTBED);
    @TempDir
    Path tmp;

    @Test
    void spacesAndColonsReplicateAndANameWithoutRoomForItsCursorIsRefusedBeforeAnyTransfer() throws Exception {
        DatasetPath spaced = TESTBED.path("src/my data:2024 v1");
        String prefix = TESTBED.path("src").name() + "/";
        DatasetPath longName = DatasetPath.parse(prefix + "L".repeat(200 - prefix.length()));
        DatasetPath sinkRoot = TESTBED.path("sink");
        assertEquals(200, longName.name().length());
        TESTBED.guest("zfs create -p " + ZfsTestbed.quote(spaced.name()) + " && zfs create " + longName
                + " && zfs create " + sinkRoot);
        TESTBED.writeRandomKib(spaced, "a.bin", 64);
        rig.snapshot(spaced, "s1");
        rig.snapshot(longName, "s1");
        DatasetPath spacedTarget = sinkRoot.child("lab").resolve(spaced);
        DatasetPath longTarget = sinkRoot.child("lab").resolve(longName);
        assertTrue(longTarget.name().length() + "@s1".length() <= 255, "the receiver could take it: " + longTarget);
        String filesystems = "{\"" + spaced + "\": true, \"" + longName + "\": true}";
        try (Daemon d = rig.daemon(tmp.resolve("d"), SafetyRig.sink("sink", sinkRoot)
                + SafetyRig.push(JOB, "sink", "lab", filesystems, "    pruning: {keep_sender: [], keep_receiver: []}\n"))) {
            JobReport.Active first = SafetyRig.run(d, JOB);
            assertEquals(AttemptState.FAILED, first.last().state(), first.toString());
            assertEquals(List.of(">@s1"), SafetyRig.steps(first.last(), spaced), first.toString());
            assertFalse(SafetyRig.fs(first.last(), spaced).state().failed(), first.toString());
            FilesystemReport refused = SafetyRig.fs(first.last(), longName);
            assertTrue(refused.state().failed() && refused.error().contains("cursor bookmark")
                    && refused.error().contains("over ZFS's limit of 255") && refused.error().contains("nothing was sent"),
                    "refused with the reason: " + refused);
            assertEquals(0, refused.bytesReplicated(), refused.toString());

            TESTBED.writeRandomKib(spaced, "b.bin", 64);
            rig.snapshot(spaced, "s2");
            JobReport.Active second = SafetyRig.run(d, JOB);
            assertEquals(List.of("@s1>@s2"), SafetyRig.steps(second.last(), spaced), second.toString());
        }
        assertFalse(rig.exists(longTarget), "nothing of it reached the receiver");
        assertEquals(List.of(), rig.bookmarks(longName, ""), "no bookmark on the refused filesystem");
        assertEquals(List.of(), rig.allHolds(longName, SafetyRig.STEP_HOLD), "no step hold left on it");
        assertEquals(List.of("s1", "s2"), rig.snapshots(spacedTarget));
        assertEquals(1, rig.bookmarks(spaced, SafetyRig.CURSOR).size(), rig.bookmarks(spaced, "").toString());
        assertEquals(rig.guid(spaced, "@s2"), rig.guid(spaced, "#" + rig.bookmarks(spaced, SafetyRig.CURSOR).get(0)));
        assertEquals(TESTBED.checksum(spaced, "s2"), TESTBED.checksum(spacedTarget, "s2"));
    }
}
