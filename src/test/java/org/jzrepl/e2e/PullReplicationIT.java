package org.jzrepl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.endpoint.Abstraction;
import org.jzrepl.endpoint.AbstractionType;
import org.jzrepl.endpoint.Abstractions;
import org.jzrepl.job.ActiveJob;
import org.jzrepl.job.Job;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.cmd.ZfsCli;

/**
 * Pull replication end to end with real parts: source job ← stdinserver ← OpenSSH sshd ← MINA ←
 * pull job, real ZFS in the testbed on both sides. Each test works in its own datasets
 * {@code POOL/tN/src} (the source's filter) and {@code POOL/tN/dst} (the pull job's root_fs).
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class PullReplicationIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    @TempDir
    static Path tmp;
    static PullRig rig;
    static ZfsCli zfs;

    private final List<Job> jobs = new ArrayList<>();

    @BeforeAll
    static void startRig() throws Exception {
        rig = PullRig.start(tmp);
        zfs = TESTBED.zfs();
    }

    @AfterAll
    static void stopRig() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @AfterEach
    void stopJobs() {
        for (int i = jobs.size() - 1; i >= 0; i--) {
            jobs.get(i).close();
        }
    }

    @Test
    void initialFullThenIncrementalReplicateEqualContent() throws Exception {
        DatasetPath data = TESTBED.path("t1/src/data");
        guest("zfs create -p " + data + " && zfs create " + TESTBED.path("t1/dst"));
        TESTBED.writeRandom(data, "big.bin", 1);
        TESTBED.writeFile(data, "dir/hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8));
        snapshot(data, "s1");
        TESTBED.writeFile(data, "dir/hello.txt", "hello again\n".getBytes(StandardCharsets.UTF_8));
        snapshot(data, "s2");
        ActiveJob pull = pair("t1", InitialReplication.MOST_RECENT, rig.connecter());

        AttemptReport first = PullRig.run(pull);

        assertDone(first);
        DatasetPath received = received("t1", data);
        assertEquals(List.of("s2"), snapshots(received), "most_recent sends only the newest snapshot");
        assertEquals(TESTBED.checksum(data, "s2"), TESTBED.checksum(received, "s2"));
        StepReport full = only(first, data).steps().get(0);
        assertEquals(null, full.from());
        assertTrue(full.bytesReplicated() > 1 << 20, "the full stream carried the 1 MiB file: " + full);

        TESTBED.writeRandom(data, "more.bin", 1);
        snapshot(data, "s3");
        AttemptReport second = PullRig.run(pull);

        assertDone(second);
        assertEquals(List.of("s2", "s3"), snapshots(received));
        assertEquals(TESTBED.checksum(data, "s3"), TESTBED.checksum(received, "s3"));
        List<StepReport> steps = only(second, data).steps();
        assertEquals(1, steps.size(), steps.toString());
        assertTrue(steps.get(0).from().endsWith("s2"), "incremental from s2: " + steps.get(0));
    }

    @Test
    void allPolicyReplicatesEverySnapshotInOrder() throws Exception {
        DatasetPath data = TESTBED.path("t2/src/data");
        guest("zfs create -p " + data + " && zfs create " + TESTBED.path("t2/dst"));
        String mp = TESTBED.mount(data);
        StringBuilder script = new StringBuilder("set -e");
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            names.add("s" + i);
            script.append("; head -c 20000 /dev/urandom > ").append(mp).append("/f").append(i)
                    .append("; zfs snapshot ").append(data).append("@s").append(i);
        }
        guest(script.toString());
        ActiveJob pull = pair("t2", InitialReplication.ALL, rig.connecter());

        AttemptReport report = PullRig.run(pull);

        assertDone(report);
        DatasetPath received = received("t2", data);
        assertEquals(names, snapshots(received));
        assertEquals(10, only(report, data).steps().size(), "one full and nine incremental steps");
        for (String s : List.of("s1", "s5", "s10")) {
            assertEquals(TESTBED.checksum(data, s), TESTBED.checksum(received, s), "content of @" + s);
        }
    }

    @Test
    void childTreeGetsPlaceholdersForUnselectedParents() throws Exception {
        DatasetPath a = TESTBED.path("t3/src/a");
        DatasetPath b = a.child("b");
        DatasetPath c = b.child("c");
        guest("zfs create -p " + c + " && zfs create " + TESTBED.path("t3/dst"));
        TESTBED.writeRandom(c, "c.bin", 1);   // only c is mounted: re-mounting a would unmount c below it
        guest("zfs snapshot -r " + a + "@s1");
        FilesystemFilter filter = FilesystemFilter.of(Map.of(a.name(), true, c.name(), true));
        jobs.add(rig.source("src-t3", zfs, filter));
        ActiveJob pull = rig.pull("pull-t3", zfs, TESTBED.path("t3/dst"), InitialReplication.MOST_RECENT,
                rig.connecter());
        jobs.add(pull);

        AttemptReport report = PullRig.run(pull);

        assertDone(report);
        assertEquals(List.of("s1"), snapshots(received("t3", a)));
        assertEquals(List.of("s1"), snapshots(received("t3", c)));
        assertEquals(List.of(), snapshots(received("t3", b)), "b is not selected: no snapshots of it");
        assertEquals("on", guest("zfs get -H -o value jzrepl:placeholder " + received("t3", b)).strip());
        assertEquals(TESTBED.checksum(c, "s1"), TESTBED.checksum(received("t3", c), "s1"));
    }

    @Test
    void divergedReceiverIsAConflictNamingBothSides() throws Exception {
        DatasetPath data = TESTBED.path("t4/src/data");
        guest("zfs create -p " + data + " && zfs create " + TESTBED.path("t4/dst"));
        TESTBED.writeFile(data, "f", "one\n".getBytes(StandardCharsets.UTF_8));
        snapshot(data, "s1");
        ActiveJob pull = pair("t4", InitialReplication.MOST_RECENT, rig.connecter());
        assertDone(PullRig.run(pull));
        DatasetPath received = received("t4", data);
        snapshot(received, "rogue");
        TESTBED.writeFile(data, "f", "two\n".getBytes(StandardCharsets.UTF_8));
        snapshot(data, "s2");

        AttemptReport report = PullRig.run(pull);

        assertEquals(AttemptState.FAILED, report.state(), report.toString());
        FilesystemReport fs = only(report, data);
        assertTrue(fs.state().failed(), fs.toString());
        assertTrue(fs.error().contains("rogue") && fs.error().contains("s2"),
                "the conflict names the receiver's and the sender's snapshots: " + fs.error());
        assertEquals(List.of("s1", "rogue"), snapshots(received), "nothing was received");
    }

    @Test
    void connectionCutMidStreamResumesFromTokenAndLeavesNoStaleAbstractions() throws Exception {
        DatasetPath data = TESTBED.path("t5/src/data");
        guest("zfs create -p " + data + " && zfs create " + TESTBED.path("t5/dst"));
        TESTBED.writeRandom(data, "big.bin", 4);
        snapshot(data, "s1");
        long limit = ThreadLocalRandom.current().nextLong(1 << 20, 3 << 20);
        CuttingConnecter cutting = new CuttingConnecter(rig.connecter(), limit);
        ActiveJob pull = pair("t5", InitialReplication.MOST_RECENT, cutting);

        AttemptReport report = PullRig.run(pull);
        if (report.state() != AttemptState.DONE) {
            report = PullRig.run(pull);   // the driver gave up on this run: the next one resumes
        }

        assertTrue(cutAt(cutting) > 0, "the connection was cut");
        assertDone(report);
        DatasetPath received = received("t5", data);
        assertTrue(only(report, data).steps().stream().anyMatch(StepReport::resumed),
                "the step after the cut resumed from the receiver's token (cut after " + cutting.cutAt()
                        + " bytes): " + report);
        assertEquals(TESTBED.checksum(data, "s1"), TESTBED.checksum(received, "s1"));
        assertEquals("-", guest("zfs get -H -o value receive_resume_token " + received).strip());
        List<Abstraction> left = new Abstractions(zfs).list(new Abstractions.Query(
                FilesystemFilter.of(Map.of(TESTBED.path("t5").name() + "<", true)), Set.of(), Set.of()));
        Set<AbstractionType> kinds = EnumSet.noneOf(AbstractionType.class);
        left.forEach(x -> kinds.add(x.type()));
        assertEquals(EnumSet.of(AbstractionType.CURSOR, AbstractionType.LAST_RECEIVED_HOLD), kinds,
                "only the cursor and the last-received hold remain: " + left);
        assertTrue(left.stream().anyMatch(x -> x.type() == AbstractionType.CURSOR && x.filesystem().equals(data)));
        assertTrue(left.stream().anyMatch(x -> x.type() == AbstractionType.LAST_RECEIVED_HOLD
                && x.filesystem().equals(received)));
    }

    // ---------------------------------------------------------------- helpers

    private ActiveJob pair(String t, InitialReplication initial, org.jzrepl.transport.Connecter connecter)
            throws Exception {
        jobs.add(rig.source("src-" + t, zfs, FilesystemFilter.of(Map.of(TESTBED.path(t + "/src/data").name() + "<", true))));
        ActiveJob pull = rig.pull("pull-" + t, zfs, TESTBED.path(t + "/dst"), initial, connecter);
        jobs.add(pull);
        return pull;
    }

    private static long cutAt(CuttingConnecter c) {
        return c.cutAt();
    }

    private static DatasetPath received(String t, DatasetPath senderFs) {
        return TESTBED.path(t + "/dst").resolve(senderFs);
    }

    private static void snapshot(DatasetPath fs, String name) {
        guest("zfs snapshot " + fs + "@" + name);
    }

    private static List<String> snapshots(DatasetPath fs) {
        String out = guest("zfs list -H -o name -t snapshot -s createtxg -d 1 " + fs).strip();
        if (out.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(out.split("\n")).map(l -> l.substring(l.indexOf('@') + 1)).toList();
    }

    private static String guest(String line) {
        return TESTBED.guest(line);
    }

    private static void assertDone(AttemptReport r) {
        assertEquals(AttemptState.DONE, r.state(), () -> "replication did not finish: " + r);
        assertFalse(r.filesystems().stream().anyMatch(f -> f.state().failed()), r.toString());
    }

    private static FilesystemReport only(AttemptReport r, DatasetPath fs) {
        return r.filesystems().stream().filter(f -> f.path().equals(fs.name())).findFirst()
                .orElseThrow(() -> new AssertionError(fs + " not in the report: " + r));
    }
}
