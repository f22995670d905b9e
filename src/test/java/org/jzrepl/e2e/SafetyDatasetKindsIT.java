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
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;

/**
 * The data-safety matrix, item 7, through push daemons and a sink on real ZFS: a zvol and a clone
 * replicate (the clone as a standalone copy); an encrypted child of an unencrypted parent is
 * refused with the reason without {@code send.raw}, the parent replicating anyway, and replicates
 * encrypted (the sink without its key) with it.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class SafetyDatasetKindsIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    static final String NO_PRUNING = "    pruning: {keep_sender: [], keep_receiver: []}\n";

    final SafetyRig rig = new SafetyRig(TESTBED);
    @TempDir
    Path tmp;

    @Test
    void aZvolAnEncryptedChildAndACloneAreReplicatedOrRefusedWithTheReason() throws Exception {
        DatasetPath vol = TESTBED.path("src/vol");
        DatasetPath parent = TESTBED.path("src/p");
        DatasetPath encChild = parent.child("enc");
        DatasetPath base = TESTBED.path("src/base");
        DatasetPath clone = TESTBED.path("src/clone");
        DatasetPath rawParent = TESTBED.path("src/q");
        DatasetPath rawChild = rawParent.child("enc");
        DatasetPath sinkRoot = TESTBED.path("sink");
        String key = TESTBED.keyLocation("correct horse battery staple");
        String encrypted = " -o encryption=on -o keyformat=passphrase -o keylocation=" + key + " ";
        TESTBED.guest("zfs create -p " + parent + " && zfs create -V 8M " + vol + " && zfs create" + encrypted + encChild
                + " && zfs create " + base + " && zfs create " + rawParent + " && zfs create" + encrypted + rawChild
                + " && zfs create " + sinkRoot);
        TESTBED.writeRandomKib(base, "base.bin", 64);
        TESTBED.writeRandomKib(encChild, "secret.bin", 64);
        TESTBED.writeRandomKib(rawChild, "secret.bin", 64);
        TESTBED.guest("zfs snapshot -r " + TESTBED.path("src") + "@s1 && zfs clone " + base + "@s1 " + clone);
        TESTBED.writeRandomKib(clone, "clone.bin", 64);
        rig.snapshot(clone, "c1");
        DatasetPath sink = sinkRoot.child("lab");
        try (Daemon d = rig.daemon(tmp.resolve("d"), SafetyRig.sink("sink", sinkRoot)
                + SafetyRig.push("plain", "sink", "lab", "{\"" + vol + "\": true, \"" + parent + "<\": true, \""
                        + base + "\": true, \"" + clone + "\": true}", NO_PRUNING)
                + SafetyRig.push("raw", "sink", "lab", "{\"" + rawParent + "<\": true}",
                        NO_PRUNING + "    send: {raw: true}\n"))) {
            JobReport.Active plain = SafetyRig.run(d, "plain");
            for (DatasetPath ok : List.of(vol, parent, base, clone)) {
                assertFalse(SafetyRig.fs(plain.last(), ok).state().failed(), ok + " replicated: " + plain);
            }
            FilesystemReport refused = SafetyRig.fs(plain.last(), encChild);
            assertTrue(refused.state().failed() && refused.error().contains("is encrypted")
                    && refused.error().contains("send.encrypted"), "refused with the reason: " + refused);
            assertEquals(0, refused.bytesReplicated());

            SafetyRig.runDone(d, "raw");
        }
        assertEquals("volume", rig.property(sink.resolve(vol), "type"));
        assertEquals(rig.guid(vol, "@s1"), rig.guid(sink.resolve(vol), "@s1"));
        assertEquals(List.of("s1"), rig.snapshots(sink.resolve(parent)));
        assertFalse(rig.exists(sink.resolve(encChild)), "nothing of the refused child on the sink");
        assertEquals(List.of("c1"), rig.snapshots(sink.resolve(clone)));
        assertEquals("-", rig.property(sink.resolve(clone), "origin"), "the clone arrives as a standalone copy");
        assertEquals(TESTBED.checksum(clone, "c1"), TESTBED.checksum(sink.resolve(clone), "c1"));
        assertEquals(TESTBED.checksum(base, "s1"), TESTBED.checksum(sink.resolve(base), "s1"));
        assertEquals(sink.resolve(rawChild).name(), rig.property(sink.resolve(rawChild), "encryptionroot"),
                "the encrypted child arrived encrypted, as its own encryption root");
        assertEquals("unavailable", rig.property(sink.resolve(rawChild), "keystatus"), "the sink has no key");
        assertEquals("off", rig.property(sink.resolve(rawParent), "encryption"));
        assertEquals(rig.guid(rawChild, "@s1"), rig.guid(sink.resolve(rawChild), "@s1"));
    }
}
