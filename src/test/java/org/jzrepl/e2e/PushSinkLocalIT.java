package org.jzrepl.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.daemon.Daemon;
import org.jzrepl.job.ActiveJob;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.Jobs;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.DatasetPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Push and sink in one daemon over the {@code local} transport, real ZFS: the sink receives into
 * {@code root_fs/<client identity>/<sender path>}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PushSinkLocalIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    @TempDir
    Path tmp;

    @Test
    void pushReplicatesIntoTheSinkBelowTheClientIdentity() throws Exception {
        DatasetPath data = TESTBED.path("p/src/data");
        DatasetPath sinkRoot = TESTBED.path("p/sink");
        TESTBED.guest("zfs create -p " + data + " && zfs create " + sinkRoot);
        TESTBED.writeRandom(data, "f.bin", 1);
        TESTBED.guest("zfs snapshot " + data + "@s1");
        Path file = Files.writeString(tmp.resolve("jzrepl.yml"), "global:\n"
                + "  control: {sockpath: " + tmp.resolve("run/control") + "}\n"
                + "jobs:\n"
                + "  - name: sink\n    type: sink\n    serve: {type: local, listener_name: backups}\n"
                + "    root_fs: " + sinkRoot + "\n"
                + "  - name: push\n    type: push\n"
                + "    connect: {type: local, listener_name: backups, client_identity: laptop}\n"
                + "    filesystems: {\"" + data + "<\": true}\n"
                + "    snapshotting: {type: manual}\n"
                + "    pruning: {keep_sender: [], keep_receiver: []}\n");
        JzreplConfig c = ConfigLoader.load(file);
        try (Daemon d = Daemon.start(c, new Jobs.Context(TESTBED.zfs(), new LocalSwitchboard(),
                c.global().stdinserverSockdir(), tmp, RpcSettings.defaults(Runners.shared()), org.jzrepl.testing.runtime.Runners.fresh()), "test")) {
            ActiveJob push = (ActiveJob) d.job("push").orElseThrow();
            push.wakeup();
            assertTrue(push.awaitRuns(1, Duration.ofMinutes(4)), "the push run ended");
            JobReport.Active r = (JobReport.Active) push.report();
            assertEquals(AttemptState.DONE, r.last().state(), r.toString());
            JobReport.Passive sink = (JobReport.Passive) d.job("sink").orElseThrow().report();
            assertEquals(java.util.List.of("laptop"), sink.clients());
        }
        DatasetPath received = sinkRoot.child("laptop").resolve(data);
        assertEquals(TESTBED.checksum(data, "s1"), TESTBED.checksum(received, "s1"));
    }
}
