package org.jzrepl.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.daemon.ZfsBinary;
import org.jzrepl.job.PassiveJob;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jzrepl doctor} against real ZFS and a real sshd, with no pull daemon running: a source job
 * serves {@code data<}; the pull's copies are staged by hand with zfs send/recv so that one
 * filesystem is up to date, one diverged, one has no common snapshot, one holds a partial receive
 * whose snapshot the sender destroyed, and a job gone from the config left a hold. A second pull
 * job dials with an empty known_hosts. Doctor must name each with its fix, and exit 1.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DoctorIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    @TempDir
    static Path tmp;
    static PullRig rig;
    static PassiveJob source;
    static DatasetPath src;
    static DatasetPath dst;
    static Path config;

    @BeforeAll
    static void stage() throws Exception {
        rig = PullRig.start(tmp);
        src = TESTBED.path("doc/src/data");
        dst = TESTBED.path("doc/dst");
        String s = src.name();
        String copy = dst.resolve(src).name();
        TESTBED.guest("zfs create -p " + s + "/a && zfs create " + s + "/b && zfs create " + s + "/c && zfs create "
                + s + "/d && zfs create -p " + TESTBED.path("doc/other") + " && zfs create -p " + dst.resolve(src.parent()));
        TESTBED.guest("zfs snapshot -r " + s + "@s1"
                + " && zfs send " + s + "@s1 | zfs recv -u " + copy
                + " && for f in a c d; do zfs send " + s + "/$f@s1 | zfs recv -u " + copy + "/$f; done"
                + " && zfs snapshot " + copy + "/a@mine"
                + " && zfs create " + copy + "/b && zfs snapshot " + copy + "/b@other");
        TESTBED.writeRandom(src.child("c"), "f.bin", 4);      // the s1 -> s2 stream is cut after 300000 bytes
        TESTBED.guest("zfs snapshot " + s + "/c@s2"
                + " && (zfs send -i @s1 " + s + "/c@s2 | head -c 300000 | zfs recv -s -u " + copy + "/c || true)"
                + " && zfs destroy " + s + "/c@s2"
                + " && zfs hold jzrepl_last_received_J_gone " + copy + "/d@s1");
        source = rig.source("src", TESTBED.zfs(), FilesystemFilter.of(Map.of(s + "<", true)));
        Path emptyKnownHosts = Files.createFile(tmp.resolve("empty_known_hosts"));
        String connect = rig.connectYaml();
        String unknown = connect.replaceAll("known_hosts: [^,}]+", "known_hosts: " + emptyKnownHosts);
        config = Files.writeString(tmp.resolve("pull.yml"), """
                global:
                  control: {sockpath: %s}
                jobs:
                  - name: pull
                    type: pull
                    connect: %s
                    root_fs: %s
                    interval: manual
                    pruning: {keep_sender: [], keep_receiver: []}
                  - name: pull_unknown
                    type: pull
                    connect: %s
                    root_fs: %s
                    interval: manual
                    pruning: {keep_sender: [], keep_receiver: []}
                """.formatted(tmp.resolve("pull/control"), connect, dst, unknown, TESTBED.path("doc/missing")));
        System.setProperty(ZfsBinary.PROPERTY, TESTBED.zfsBinary().toString());
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty(ZfsBinary.PROPERTY);
        if (source != null) {
            source.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void namesEachStagedProblemWithItsFix() {
        DoctorRun r = DoctorRun.of(config, "--job", "pull");
        System.out.println(r.out());
        assertEquals(1, r.exit(), r.out() + r.err());
        String s = src.name();
        String copy = dst.resolve(src).name();
        r.assertLine("ok    root_fs: " + dst + " exists");
        r.assertLine("ok    peer: ssh+stdinserver ");
        r.assertLine("ok    " + s + ": replicating, up to date at @s1");
        r.assertLine("ok    " + s + "/d: replicating, up to date at @s1");
        r.assertLine("FAIL  " + s + "/a: not replicating: the receiver has diverged, it has 1 snapshot newer than @s1");
        assertTrue(r.out().contains("fix: zfs rollback -r " + copy + "/a@s1   (on this host)"), r.out());
        r.assertLine("FAIL  " + s + "/b: not replicating: no common snapshot");
        assertTrue(r.out().contains("fix: zfs rename " + copy + "/b " + copy + "/b.old"), r.out());
        r.assertLine("FAIL  " + s + "/c: not replicating: resume token stuck: the partial receive is for a"
                + " snapshot the sender no longer has");
        assertTrue(r.out().contains("fix: zfs recv -A " + copy + "/c   (on this host)"), r.out());
        r.assertLine("FAIL  holds and cursors: ");
        assertTrue(r.out().contains("of jobs gone from the config: ") && r.out().contains("gone"), r.out());
        assertTrue(r.out().contains("fix: jzrepl zfs-abstraction release-stale"), r.out());
    }

    @Test
    void anUnknownHostKeyComesWithTheKnownHostsLine() {
        DoctorRun r = DoctorRun.of(config, "--job", "pull_unknown");
        assertEquals(1, r.exit(), r.out() + r.err());
        r.assertLine("FAIL  root_fs: nothing can be received: root_fs " + TESTBED.path("doc/missing")
                + " does not exist on this host; fix: zfs create -p " + TESTBED.path("doc/missing"));
        r.assertLine("FAIL  peer: host key of [127.0.0.1]:");
        assertTrue(r.out().matches("(?s).*fix: echo '\\[127\\.0\\.0\\.1\\]:[0-9]+ ssh-[a-z0-9-]+ [A-Za-z0-9+/=]+' >> "
                + tmp.resolve("empty_known_hosts") + ".*"), r.out());
    }

    @Test
    void aFilesystemTheSourceDoesNotOfferIsNamedAsSuch() {
        DoctorRun r = DoctorRun.of(config, "--job", "pull", TESTBED.path("doc/other").name());
        assertEquals(1, r.exit(), r.out() + r.err());
        r.assertLine("FAIL  " + TESTBED.path("doc/other") + ": not replicating: the source does not offer it");
        assertTrue(!r.out().contains(src.name() + "/a:"), "only the filesystem asked about: " + r.out());
    }
}
