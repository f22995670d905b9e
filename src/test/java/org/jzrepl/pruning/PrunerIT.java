package org.jzrepl.pruning;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.endpoint.ZfsReceiver;
import org.jzrepl.endpoint.ZfsSender;
import org.jzrepl.rpc.Streamed;
import org.jzrepl.runtime.Sleeper;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.cmd.ZfsCli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pruner on real ZFS: with rules that would destroy everything but the newest snapshot of
 * each side, a sender prune keeps the cursor's snapshot and a receiver prune keeps its newest
 * snapshot the sender still has, and the next incremental step then succeeds.
 */
@Timeout(1200)   // the shared testbed can take over a minute per zfs command under load
class PrunerIT {

    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();

    static final String JOB = "pull_it";
    static final ReplicationConfig RESUMABLE = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_RESUMABILITY,
            ProtectionGuarantee.GUARANTEE_RESUMABILITY);

    final ZfsCli zfs = TESTBED.zfs();
    final Sleeper noSleep = (d, wake) -> false;

    private List<String> snapshots(DatasetPath fs) throws Exception {
        return zfs.dataset(fs).orElseThrow().snapshots().stream().map(FilesystemVersion::name).toList();
    }

    private Version version(DatasetPath fs, String snap) throws Exception {
        return zfs.dataset(fs).orElseThrow().snapshots().stream().filter(v -> v.name().equals(snap))
                .map(Version::of).findFirst().orElseThrow();
    }

    private void step(ZfsSender sender, ZfsReceiver receiver, DatasetPath fs, String from, String to) throws Exception {
        SendRequest req = new SendRequest(fs.name(), from == null ? null : version(fs, from), version(fs, to), null, RESUMABLE);
        try (Streamed<SendResponse> s = sender.send(req)) {
            receiver.receive(new ReceiveRequest(req.filesystem(), req.from(), req.to(), true, RESUMABLE), s.stream());
        }
        sender.sendCompleted(new SendCompletedRequest(req));
    }

    @Test
    void bothSidesKeepTheIncrementalBaseAgainstLastN1AndTheNextStepGoesIncremental() throws Exception {
        DatasetPath src = TESTBED.path("src");
        DatasetPath root = TESTBED.path("pulled");
        DatasetPath fs = src.child("data");
        zfs.create(fs, Map.of(), true);
        zfs.create(root, Map.of(), true);
        ZfsSender sender = new ZfsSender(zfs, JOB, FilesystemFilter.of(Map.of(fs.name(), true)), SendFlags.NONE);
        ZfsReceiver receiver = ZfsReceiver.forPull(zfs, JOB, root, RecvOptions.DEFAULT);
        DatasetPath target = root.resolve(fs);
        for (String s : List.of("s1", "s2")) {
            TESTBED.writeRandomKib(fs, s + ".bin", 64);
            zfs.snapshot(fs, s);
        }
        step(sender, receiver, fs, null, "s1");
        step(sender, receiver, fs, "s1", "s2");
        zfs.snapshot(fs, "s3");
        zfs.snapshot(fs, "s4");                 // newer only on the sender
        zfs.snapshot(target, "local1");         // newer only on the receiver

        List<Keep> lastOne = List.of(new KeepLastN(1, Pattern.compile("")));
        PruneReport s = Pruner.sender(sender, receiver, JOB, lastOne, PruneSettings.DEFAULT, noSleep).run();
        assertEquals(PruneReport.State.DONE, s.state(), s.toString());
        assertEquals(List.of("s2", "s4"), snapshots(fs), "s2: the cursor's snapshot; s4: last_n");
        assertTrue(s.filesystems().get(0).protectedSnapshots().get(0).reasons().get(0)
                .startsWith("replication cursor of job " + JOB), s.toString());

        PruneReport r = Pruner.receiver(receiver, sender, lastOne, PruneSettings.DEFAULT, noSleep).run();
        assertEquals(PruneReport.State.DONE, r.state(), r.toString());
        assertEquals(List.of("s2", "local1"), snapshots(target), "s2: newest the sender has; local1: last_n");

        zfs.destroySnapshots(target, List.of("local1"));    // the operator resolves the divergence
        step(sender, receiver, fs, "s2", "s4");
        assertEquals(List.of("s2", "s4"), snapshots(target));
        assertEquals(TESTBED.checksum(fs, "s4"), TESTBED.checksum(target, "s4"));
    }
}
