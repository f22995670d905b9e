package org.jzrepl.e2e;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.daemon.Daemon;
import org.jzrepl.job.ActiveJob;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.Jobs;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.tls.TestPki;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.DatasetPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Push to a sink and pull from a source over tcp and over tls on loopback, real ZFS, one daemon
 * holding both jobs (certificates made by openssl in the test's directory). The passive job sees
 * the client as {@code laptop}: the tcp clients map's name for 127.0.0.1, the tls client's CN.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TcpTlsReplicationIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"tcp, push", "tcp, pull", "tls, push", "tls, pull"})
    void replicatesOverTheTransport(String transport, String mode) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String serve;
        String connect;
        if (transport.equals("tcp")) {
            serve = "{type: tcp, listen: \"127.0.0.1:" + port + "\", clients: {\"127.0.0.1\": laptop}}";
            connect = "{type: tcp, address: \"127.0.0.1:" + port + "\"}";
        } else {
            assumeTrue(TestPki.available(), "openssl is not installed");
            TestPki pki = new TestPki(tmp);
            TestPki.Ca ca = pki.ca("ca");
            TestPki.Pair server = pki.leaf(ca, "backups.example");
            TestPki.Pair laptop = pki.leaf(ca, "laptop");
            serve = "{type: tls, listen: \"127.0.0.1:" + port + "\", ca: " + ca.cert() + ", cert: " + server.cert()
                    + ", key: " + server.key() + ", client_cns: [laptop]}";
            connect = "{type: tls, address: \"127.0.0.1:" + port + "\", ca: " + ca.cert() + ", cert: " + laptop.cert()
                    + ", key: " + laptop.key() + ", server_cn: backups.example}";
        }
        String id = transport + mode;
        DatasetPath data = TESTBED.path(id + "/src/data");
        DatasetPath root = TESTBED.path(id + "/dst");
        TESTBED.guest("zfs create -p " + data + " && zfs create " + root);
        TESTBED.writeRandom(data, "f.bin", 1);
        TESTBED.guest("zfs snapshot " + data + "@s1");
        String jobs = mode.equals("push") ? """
                  - name: sink
                    type: sink
                    serve: %s
                    root_fs: %s
                  - name: active
                    type: push
                    connect: %s
                    filesystems: {"%s<": true}
                    snapshotting: {type: manual}
                    pruning: {keep_sender: [], keep_receiver: []}
                """.formatted(serve, root, connect, data) : """
                  - name: source
                    type: source
                    serve: %s
                    filesystems: {"%s<": true}
                    snapshotting: {type: manual}
                  - name: active
                    type: pull
                    connect: %s
                    root_fs: %s
                    interval: manual
                    pruning: {keep_sender: [], keep_receiver: []}
                """.formatted(serve, data, connect, root);
        Path file = Files.writeString(tmp.resolve("jzrepl.yml"), "global:\n  control: {sockpath: "
                + tmp.resolve("run/control") + "}\njobs:\n" + jobs);
        JzreplConfig c = ConfigLoader.load(file);
        try (Daemon d = Daemon.start(c, new Jobs.Context(TESTBED.zfs(), new LocalSwitchboard(),
                c.global().stdinserverSockdir(), tmp, RpcSettings.defaults(Runners.shared()),
                org.jzrepl.testing.runtime.Runners.fresh()), "test")) {
            ActiveJob active = (ActiveJob) d.job("active").orElseThrow();
            active.wakeup();
            assertTrue(active.awaitRuns(1, Duration.ofMinutes(4)), "the run ended");
            JobReport.Active r = (JobReport.Active) active.report();
            assertEquals(AttemptState.DONE, r.last().state(), r.toString());
            JobReport.Passive passive = (JobReport.Passive) d.job(mode.equals("push") ? "sink" : "source")
                    .orElseThrow().report();
            assertEquals(List.of("laptop"), passive.clients());
            assertEquals(List.of(transport + " 127.0.0.1:" + port), passive.listening());
        }
        DatasetPath received = mode.equals("push") ? root.child("laptop").resolve(data) : root.resolve(data);
        assertEquals(TESTBED.checksum(data, "s1"), TESTBED.checksum(received, "s1"));
    }
}
