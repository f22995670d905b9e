package org.jzrepl.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.daemon.control.ControlClient;
import org.jzrepl.daemon.control.SignalOp;
import org.jzrepl.job.JobStartException;
import org.jzrepl.job.Jobs;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.Zfs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The daemon shell without replication: jobs start and listen, the control socket answers status
 * and signals, shutdown removes every socket. zfs is a mock that must never be called (nothing
 * here replicates).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DaemonTest {
    @TempDir
    Path tmp;

    private final Zfs zfs = mock(Zfs.class);

    private JzreplConfig config(String jobs) throws Exception {
        String text = "global:\n"
                + "  control:\n    sockpath: " + tmp.resolve("run/control") + "\n"
                + "  serve:\n    stdinserver:\n      sockdir: " + tmp.resolve("run/stdinserver") + "\n"
                + "jobs:\n" + jobs;
        return ConfigLoader.load(text, tmp.resolve("jzrepl.yml"));
    }

    private static final String SOURCE = """
              - name: src
                type: source
                serve:
                  type: stdinserver
                  client_identities: [backup1, backup2]
                filesystems:
                  "pool/data<": true
                snapshotting:
                  type: periodic
                  prefix: zrepl_
                  interval: 10m
            """;
    private static final String PULL = """
              - name: pull_manual
                type: pull
                connect:
                  type: ssh+stdinserver
                  host: 192.0.2.1
                  user: root
                  port: 22
                  identity_file: /nonexistent/key
                root_fs: pool/backup
                interval: manual
                pruning:
                  keep_sender: []
                  keep_receiver: []
            """;
    private static final String SNAP = """
              - name: snapper
                type: snap
                filesystems:
                  "pool<": true
                snapshotting:
                  type: manual
                pruning:
                  keep: []
            """;

    private Jobs.Context context(JzreplConfig c) {
        return new Jobs.Context(zfs, new LocalSwitchboard(), c.global().stdinserverSockdir(), tmp,
                RpcSettings.defaults(Runners.shared()), org.jzrepl.testing.runtime.Runners.fresh());
    }

    private ControlClient client(JzreplConfig c) {
        return new ControlClient(c.global().controlSockpath(), Duration.ofSeconds(5), new ObjectMapper());
    }

    @Test
    void servesStatusOfEveryJobAndRemovesItsSocketsOnClose() throws Exception {
        JzreplConfig c = config(SOURCE + PULL + SNAP);
        Path sockdir = c.global().stdinserverSockdir();
        Daemon d = Daemon.start(c, context(c), "1.2.3-test");
        try {
            assertTrue(Files.exists(sockdir.resolve("backup1")) && Files.exists(sockdir.resolve("backup2")));
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(sockdir)), "a missing sockdir is created private");
            JsonNode status = client(c).status();
            assertEquals("1.2.3-test", status.get("version").asText());
            JsonNode jobs = status.get("jobs");
            assertEquals(3, jobs.size());
            assertEquals("src", jobs.get(0).get("name").asText());
            assertEquals("source", jobs.get(0).get("type").asText());
            assertEquals(0, jobs.get(0).get("activeConnections").asInt());
            assertEquals(0, jobs.get(0).get("warnings").size(), "a source's snapshotting is built");
            assertEquals("periodic", jobs.get(0).get("snapshotting").get("type").asText());
            assertEquals("pull", jobs.get(1).get("type").asText());
            assertEquals("WAITING", jobs.get(1).get("state").asText());
            assertTrue(jobs.get(1).get("interval").isNull(), "manual: no interval");
            assertEquals(0, jobs.get(1).get("runs").asLong());
            assertEquals("snap", jobs.get(2).get("type").asText());
            assertEquals("WAITING", jobs.get(2).get("state").asText(), "a snap job is an active job");
            assertEquals("MANUAL", jobs.get(2).get("snapshotting").get("state").asText());
        } finally {
            d.close();
        }
        assertFalse(Files.exists(sockdir.resolve("backup1")), "stdinserver socket removed");
        assertFalse(Files.exists(c.global().controlSockpath()), "control socket removed");
        // the source's snapshotter looked (sync-up, then a tick over no filesystems) and took nothing
        verify(zfs, never()).snapshotAtomically(any(), any());
        verify(zfs, never()).snapshot(any(), any());
    }

    @Test
    void signalsReachJobsAndBadOnesAreRefusedWithTheReason() throws Exception {
        JzreplConfig c = config(SOURCE + PULL);
        try (Daemon d = Daemon.start(c, context(c), "test")) {
            ControlClient.ControlRequestException unknown = assertThrows(ControlClient.ControlRequestException.class,
                    () -> client(c).signal("nosuch", SignalOp.WAKEUP));
            assertEquals(404, unknown.status());
            assertTrue(unknown.getMessage().contains("no job named 'nosuch'"), unknown.getMessage());
            ControlClient.ControlRequestException passive = assertThrows(ControlClient.ControlRequestException.class,
                    () -> client(c).signal("src", SignalOp.WAKEUP));
            assertEquals(400, passive.status());
            assertTrue(passive.getMessage().contains("source job"), passive.getMessage());
            client(c).signal("pull_manual", SignalOp.RESET);   // nothing running: accepted, no effect
        }
    }

    @Test
    void refusesATlsJobWhoseFilesAreMissingAtStartAndLeavesNothingListening() throws Exception {
        JzreplConfig c = config(SOURCE + """
                  - name: tls_pull
                    type: pull
                    connect:
                      type: tls
                      address: "192.0.2.1:8888"
                      ca: /nonexistent/ca.crt
                      cert: /nonexistent/client.crt
                      key: /nonexistent/client.key
                      server_cn: server
                    root_fs: pool/backup
                    interval: 10m
                    pruning:
                      keep_sender: []
                      keep_receiver: []
                """);
        JobStartException e = assertThrows(JobStartException.class, () -> Daemon.start(c, context(c), "test"));
        assertTrue(e.getMessage().contains("job 'tls_pull'") && e.getMessage().contains("/nonexistent/ca.crt"),
                e.getMessage());
        assertFalse(Files.exists(c.global().stdinserverSockdir().resolve("backup1")));
        assertFalse(Files.exists(c.global().controlSockpath()));
    }

    @Test
    void servesMetricsOnTheMonitoringAddressUntilClosed() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        JzreplConfig c = ConfigLoader.load("global:\n  control: {sockpath: " + tmp.resolve("ctl") + "}\n"
                + "  monitoring:\n    - {type: prometheus, listen: '127.0.0.1:" + port + "'}\n"
                + "jobs: []\n", tmp.resolve("m.yml"));
        java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + port + "/metrics");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        try (Daemon d = Daemon.start(c, context(c), "9.9.9")) {
            client(c).status();
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("zrepl_start_time{raw=\"9.9.9\""), r.body());
            assertTrue(r.body().contains("zrepl_control_request_begin{endpoint=\"/status\"} 1.0"), r.body());
            assertEquals(java.util.List.of(port), d.metrics().ports());
        }
        assertThrows(java.io.IOException.class, () -> http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()), "closed with the daemon");
    }

    @Test
    void aMonitoringAddressInUseFailsTheStartAndStopsTheJobs() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            JzreplConfig c = ConfigLoader.load("global:\n  control: {sockpath: " + tmp.resolve("ctl") + "}\n"
                    + "  monitoring:\n    - {type: prometheus, listen: '127.0.0.1:" + taken.getLocalPort() + "'}\n"
                    + "jobs: []\n", tmp.resolve("m.yml"));
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> Daemon.start(c, context(c), "t"));
            assertTrue(e.getMessage().startsWith("monitoring listen 127.0.0.1:" + taken.getLocalPort()),
                    e.getMessage());
            assertFalse(Files.exists(c.global().controlSockpath()));
        }
    }

    @Test
    void aSecondDaemonOnTheSameSockdirFailsAndStopsWhatItStarted() throws Exception {
        JzreplConfig c = config(SOURCE);
        try (Daemon first = Daemon.start(c, context(c), "test")) {
            JobStartException e = assertThrows(JobStartException.class, () -> Daemon.start(c, context(c), "test"));
            assertTrue(e.getMessage().startsWith("job 'src': cannot listen on"), e.getMessage());
            assertEquals(1, client(c).status().get("jobs").size(), "the first daemon still answers");
        }
    }
}
