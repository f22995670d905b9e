package org.jzrepl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * The data-safety matrix, item 5, through a push daemon and a sink on real ZFS: a partial receive
 * whose source snapshot is gone from the sender, once incremental (into a filesystem with
 * snapshots) and once full (into a new filesystem). By default each is a conflict naming the
 * {@code zfs recv -A} that fixes it and nothing is touched; with
 * {@code conflict_resolution.unresumable_partial_receive: abort} jzrepl discards the partial state
 * and replicates on.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class SafetyPartialReceiveIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();

    final SafetyRig rig = new SafetyRig(TESTBED);
    @TempDir
    Path tmp;

    @Test
    void aPartialReceiveWhoseSourceIsGoneIsAConflictUntilThePolicyAbortsIt() throws Exception {
        DatasetPath inc = TESTBED.path("p/src/inc");
        DatasetPath full = TESTBED.path("p/src/full");
        DatasetPath sinkRoot = TESTBED.path("p/sink");
        TESTBED.guest("zfs create -p " + inc + " && zfs create " + full + " && zfs create " + sinkRoot);
        TESTBED.writeRandomKib(inc, "a.bin", 64);
        rig.snapshot(inc, "s1");
        DatasetPath incTarget = sinkRoot.child("lab").resolve(inc);
        DatasetPath fullTarget = sinkRoot.child("lab").resolve(full);
        String filesystems = "{\"" + inc + "\": true, \"" + full + "\": true}";
        try (Daemon d = rig.daemon(tmp.resolve("d1"), SafetyRig.sink("sink", sinkRoot)
                + SafetyRig.push("push", "sink", "lab", filesystems, "    pruning: {keep_sender: [], keep_receiver: []}\n"))) {
            JobReport.Active first = SafetyRig.run(d, "push");
            assertEquals(List.of(">@s1"), SafetyRig.steps(first.last(), inc), first.toString());

            // two partial receives, then their sources go: s2 of inc, s1 of full (never received whole)
            TESTBED.writeRandom(inc, "b.bin", 1);
            rig.snapshot(inc, "s2");
            TESTBED.writeRandom(full, "a.bin", 1);
            rig.snapshot(full, "s1");
            TESTBED.guest("{ zfs send -i @s1 " + inc + "@s2 | head -c 400000 | zfs recv -s -u " + incTarget + "; } || true");
            TESTBED.guest("{ zfs send " + full + "@s1 | head -c 400000 | zfs recv -s -u " + fullTarget + "; } || true");
            assertNotEquals("-", rig.property(incTarget, "receive_resume_token"), "staged: a partial incremental");
            assertNotEquals("-", rig.property(fullTarget, "receive_resume_token"), "staged: a partial full receive");
            TESTBED.guest("zfs destroy " + inc + "@s2 && zfs destroy " + full + "@s1");
            rig.snapshot(inc, "s3");
            rig.snapshot(full, "s2");

            JobReport.Active refused = SafetyRig.run(d, "push");
            assertEquals(AttemptState.FAILED, refused.last().state(), refused.toString());
            for (DatasetPath fs : List.of(inc, full)) {
                FilesystemReport f = SafetyRig.fs(refused.last(), fs);
                assertTrue(f.state().failed() && f.error().contains("cannot be resumed")
                        && f.error().contains("zfs recv -A ROOT/" + fs.name())
                        && f.error().contains("conflict_resolution.unresumable_partial_receive: abort"),
                        "a conflict naming the fix: " + f);
            }
            assertNotEquals("-", rig.property(incTarget, "receive_resume_token"), "the partial state is untouched");
            assertNotEquals("-", rig.property(fullTarget, "receive_resume_token"), "the partial state is untouched");
            assertEquals(List.of("s1"), rig.snapshots(incTarget));
        }

        try (Daemon d = rig.daemon(tmp.resolve("d2"), SafetyRig.sink("sink", sinkRoot)
                + SafetyRig.push("push", "sink", "lab", filesystems, "    pruning: {keep_sender: [], keep_receiver: []}\n"
                + "    conflict_resolution: {unresumable_partial_receive: abort}\n"))) {
            JobReport.Active r = SafetyRig.runDone(d, "push");
            assertEquals(List.of("@s1>@s3"), SafetyRig.steps(r.last(), inc), r.toString());
            assertEquals(List.of(">@s2"), SafetyRig.steps(r.last(), full), r.toString());
        }
        assertEquals("-", rig.property(incTarget, "receive_resume_token"));
        assertEquals("-", rig.property(fullTarget, "receive_resume_token"));
        assertEquals(List.of("s1", "s3"), rig.snapshots(incTarget));
        assertEquals(List.of("s2"), rig.snapshots(fullTarget));
        assertEquals(TESTBED.checksum(inc, "s3"), TESTBED.checksum(incTarget, "s3"));
        assertEquals(TESTBED.checksum(full, "s2"), TESTBED.checksum(fullTarget, "s2"));
        assertEquals("noauto", rig.property(fullTarget, "canmount"), "the new filesystem got the safe set");
    }
}
