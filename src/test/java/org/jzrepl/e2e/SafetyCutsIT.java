package org.jzrepl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.job.JobReport;
import org.jzrepl.pruning.PruneReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;

/**
 * The data-safety matrix, item 4, through a push job and a sink on real ZFS: one resumable
 * incremental (s1 to s2, a few MiB) is cut three times; between the cuts new snapshots are taken
 * and the job's pruning runs on both sides with rules that keep only the new snapshots, i.e. that
 * would destroy the step's from and to. The step holds keep both (the pruner reports them held or
 * protected, never destroyed), each run resumes from the receiver's token, the fourth run finishes
 * the step and the later ones, and no step hold is left.
 */
@Timeout(value = 1200, unit = TimeUnit.SECONDS)
class SafetyCutsIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();

    final SafetyRig rig = new SafetyRig(TESTBED);
    @TempDir
    Path tmp;

    @Test
    void threeCutsWithSnapshotsAndPruningBetweenResumeAndTheStepHoldsProtectWhatThePartialReceiveNeeds()
            throws Exception {
        DatasetPath data = TESTBED.path("p/src/data");
        DatasetPath sinkRoot = TESTBED.path("p/sink");
        TESTBED.guest("zfs create -p " + data + " && zfs create " + sinkRoot);
        TESTBED.writeRandomKib(data, "a.bin", 128);
        rig.snapshot(data, "s1");
        TESTBED.writeRandom(data, "big.bin", 6);
        rig.snapshot(data, "s2");
        DatasetPath target = sinkRoot.child("lab").resolve(data);
        String rules = "[{type: regex, regex: \"^new\"}]";
        String jobs = SafetyRig.sink("sink", sinkRoot) + SafetyRig.push("push", "sink", "lab",
                "{\"" + data + "\": true}", "    conflict_resolution: {initial_replication: all}\n"
                        + "    pruning: {keep_sender: " + rules + ", keep_receiver: " + rules + "}\n");
        List<Long> cutAt = new ArrayList<>();
        try (CutRig r = CutRig.start(TESTBED, tmp.resolve("d"), jobs, 1)) {
            String token = "-";
            for (int cut = 1; cut <= 3; cut++) {
                r.cut.arm(ThreadLocalRandom.current().nextLong(300 << 10, 1200 << 10));
                JobReport.Active run = r.run();
                assertEquals(cut, r.cut.cuts(), "cut " + cut + " happened: " + run);
                cutAt.add(r.cut.lastCutAt());
                assertEquals(AttemptState.FAILED, run.last().state(), "the cut ended the replication: " + run);
                List<String> steps = SafetyRig.steps(run.last(), data);
                assertTrue(steps.contains("@s1>@s2"), "the cut step is s1>s2: " + steps);
                if (cut > 1) {
                    StepReport s = SafetyRig.fs(run.last(), data).steps().stream()
                            .filter(x -> x.to().endsWith("@s2")).findFirst().orElseThrow();
                    assertTrue(s.resumed(), "run " + cut + " resumed the partial receive: " + run);
                }
                String now = rig.property(target, "receive_resume_token");
                assertNotEquals("-", now, "a partial receive after cut " + cut);
                assertNotEquals(token, now, "cut " + cut + " moved the partial receive on");
                token = now;

                PruneReport.Filesystem sender = only(SafetyRig.pruning(run, PruneReport.Side.SENDER), data);
                for (String s : List.of("s1", "s2")) {
                    assertFalse(shortNames(sender.destroyed()).contains(s), "sender kept @" + s + ": " + sender);
                    assertTrue(heldByStep(sender, s) || isProtected(sender, s),
                            "sender reports @" + s + " held by a step hold or protected: " + sender);
                }
                assertEquals(List.of("s1", "s2"), rig.snapshots(data).subList(0, 2), "after cut " + cut);
                assertFalse(rig.holds(data, "s2", SafetyRig.STEP_HOLD).isEmpty(), "a step hold on @s2");
                // the sink names its filesystems as the client sent them
                PruneReport.Filesystem receiver = only(SafetyRig.pruning(run, PruneReport.Side.RECEIVER), data);
                assertFalse(shortNames(receiver.destroyed()).contains("s1"), "receiver kept @s1: " + receiver);
                assertTrue(receiver.protectedSnapshots().stream().anyMatch(p -> shortName(p.snapshot()).equals("s1")
                        && p.reasons().stream().anyMatch(w -> w.contains("partial receive"))),
                        "receiver reports @s1 protected as what the partial receive builds on: " + receiver);
                assertEquals(List.of("s1"), rig.snapshots(target));

                TESTBED.writeRandomKib(data, "new" + cut + ".bin", 64);
                rig.snapshot(data, "new" + cut);
            }

            JobReport.Active done = r.run();
            assertEquals(AttemptState.DONE, done.last().state(), done.toString());
            assertEquals(List.of("@s1>@s2", "@s2>@new1", "@new1>@new2", "@new2>@new3"),
                    SafetyRig.steps(done.last(), data), done.toString());
            assertTrue(SafetyRig.fs(done.last(), data).steps().get(0).resumed(), "the last run resumed: " + done);
            for (PruneReport p : done.pruning()) {
                assertEquals(PruneReport.State.DONE, p.state(), done.toString());
            }
            assertEquals(3, r.cut.cuts());
        }
        assertEquals("-", rig.property(target, "receive_resume_token"));
        assertEquals(List.of(), rig.allHolds(data, SafetyRig.STEP_HOLD), "no step holds on the sender");
        assertEquals(List.of(), rig.allHolds(target, SafetyRig.STEP_HOLD), "no step holds on the receiver");
        assertEquals(List.of(), rig.bookmarks(data, SafetyRig.TENTATIVE), "no tentative cursors");
        assertEquals(List.of("new1", "new2", "new3"), rig.snapshots(data), "the sender pruned s1 and s2 at last");
        assertEquals(List.of("new1", "new2", "new3"), rig.snapshots(target), "the receiver too");
        for (String s : List.of("new1", "new2", "new3")) {
            assertEquals(rig.guid(data, "@" + s), rig.guid(target, "@" + s), "@" + s);
        }
        assertEquals(TESTBED.checksum(data, "new3"), TESTBED.checksum(target, "new3"));
        System.out.println("SafetyCutsIT: cuts after " + cutAt + " bytes");
    }

    private static PruneReport.Filesystem only(PruneReport p, DatasetPath fs) {
        return p.filesystems().stream().filter(f -> f.filesystem().equals(fs.name())).findFirst()
                .orElseThrow(() -> new AssertionError(fs + " not in " + p));
    }

    private static List<String> shortNames(List<String> names) {
        return names.stream().map(SafetyCutsIT::shortName).toList();
    }

    private static String shortName(String n) {
        return n.substring(n.indexOf('@') + 1);
    }

    private static boolean heldByStep(PruneReport.Filesystem f, String snap) {
        return f.held().stream().anyMatch(h -> shortName(h.snapshot()).equals(snap)
                && h.holds().stream().anyMatch(t -> t.startsWith(SafetyRig.STEP_HOLD)));
    }

    private static boolean isProtected(PruneReport.Filesystem f, String snap) {
        return f.protectedSnapshots().stream().anyMatch(p -> shortName(p.snapshot()).equals(snap));
    }
}
