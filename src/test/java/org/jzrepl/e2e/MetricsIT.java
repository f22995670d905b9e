package org.jzrepl.e2e;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.daemon.Daemon;
import org.jzrepl.daemon.metrics.DaemonMetrics;
import org.jzrepl.job.ActiveJob;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.Jobs;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.util.log.LogEntry;
import org.jzrepl.util.log.LogFormat;
import org.jzrepl.util.log.Logging;
import org.jzrepl.util.log.StreamOutlet;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.cmd.ZfsCli;
import org.jzrepl.zfs.cmd.ZfsRunner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A daemon with {@code global.monitoring} pushes to a sink in the same daemon on real ZFS, its
 * {@code zfs send} streams throttled (~1.3 MB/s) so that a replication lasts seconds: scrapes of
 * {@code /metrics} over HTTP during the run see the bytes move and bytes remain; after it the
 * totals, the last success, zero lag and the zfs command runtimes; a second run adds to the bytes.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MetricsIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    @TempDir
    Path tmp;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void scrapesDuringAndAfterAReplicationShowTheValuesMove() throws Exception {
        DatasetPath data = TESTBED.path("m/src/data");
        DatasetPath sinkRoot = TESTBED.path("m/sink");
        TESTBED.guest("zfs create -p " + data + " && zfs create " + sinkRoot);
        TESTBED.writeRandom(data, "f.bin", 6);
        TESTBED.guest("zfs snapshot " + data + "@s1");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path file = Files.writeString(tmp.resolve("jzrepl.yml"), "global:\n"
                + "  control: {sockpath: " + tmp.resolve("run/control") + "}\n"
                + "  monitoring: [{type: prometheus, listen: '127.0.0.1:" + port + "'}]\n"
                + "jobs:\n"
                + "  - name: sink\n    type: sink\n    serve: {type: local, listener_name: backups}\n"
                + "    root_fs: " + sinkRoot + "\n"
                + "  - name: push\n    type: push\n"
                + "    connect: {type: local, listener_name: backups, client_identity: laptop}\n"
                + "    filesystems: {\"" + data + "<\": true}\n"
                + "    snapshotting: {type: manual}\n"
                + "    pruning: {keep_sender: [{type: last_n, count: 10}], keep_receiver: [{type: last_n, count: 10}]}\n");
        JzreplConfig c = ConfigLoader.load(file);
        Path zfs = throttledZfs();
        DaemonMetrics metrics = DaemonMetrics.create("it", Clock.systemUTC());
        Jobs.Context ctx = new Jobs.Context(new ZfsCli(new ZfsRunner(zfs, metrics.zfsMeter(zfs.toString()),
                ZfsTestbed.COMMAND_TIMEOUT)), new LocalSwitchboard(), c.global().stdinserverSockdir(), tmp,
                RpcSettings.defaults(Runners.shared()), org.jzrepl.testing.runtime.Runners.fresh(), metrics.runObserver());
        String fs = "filesystem=\"" + data + "\"";
        Instant started = Instant.now();
        Logging.configure(List.of(new StreamOutlet(() -> System.err, LogEntry.Level.INFO, LogFormat.HUMAN, true,
                false)));
        try (Daemon d = Daemon.start(c, ctx, "it", metrics)) {
            String before = scrape(port);
            assertTrue(before.contains("zrepl_start_time{raw=\"it\""), before);
            assertEquals(0.0, value(before, "zrepl_replication_filesystem_errors", "zrepl_job=\"push\""));

            ActiveJob push = (ActiveJob) d.job("push").orElseThrow();
            push.wakeup();
            List<Double> during = new ArrayList<>();
            List<Double> remaining = new ArrayList<>();
            while (!push.awaitRuns(1, Duration.ofMillis(250))) {
                String s = scrape(port);
                Double b = valueOrNull(s, "zrepl_replication_bytes_replicated", fs);
                Double r = valueOrNull(s, "jzrepl_replication_bytes_remaining", fs);
                if (b != null && push.report() instanceof JobReport.Active a && a.current() != null) {
                    during.add(b);
                    remaining.add(r);
                }
            }
            JobReport.Active r = (JobReport.Active) push.report();
            assertEquals(AttemptState.DONE, r.last().state(), r.toString());
            String after = scrape(port);
            double total = value(after, "zrepl_replication_bytes_replicated", fs);
            assertTrue(total > 6 << 20, after);
            assertTrue(during.stream().anyMatch(b -> b > 0 && b < total), "bytes moved during the run: " + during);
            assertTrue(remaining.stream().anyMatch(x -> x != null && x > 0), "bytes remained: " + remaining);
            for (int i = 1; i < during.size(); i++) {
                assertTrue(during.get(i) >= during.get(i - 1), "never down: " + during);
            }
            assertEquals(0.0, value(after, "jzrepl_replication_bytes_remaining", fs));
            assertEquals(0.0, value(after, "jzrepl_replication_lag_seconds", fs));
            assertEquals(0.0, value(after, "jzrepl_replication_stalled", fs));
            assertEquals(0.0, value(after, "zrepl_replication_filesystem_errors", "zrepl_job=\"push\""));
            double success = value(after, "zrepl_replication_last_successful", "zrepl_job=\"push\"");
            assertTrue(success >= started.getEpochSecond() && success <= Instant.now().getEpochSecond() + 1, after);
            assertEquals(1.0, value(after, "zrepl_replication_state_time_count", "state=\"done\""));
            assertEquals(1.0, value(after, "zrepl_pruning_time_count", "prune_side=\"sender\""));
            assertTrue(sum(after, "zrepl_zfscmd_runtime_count", "zfsverb=\"send\"") >= 2, "estimate and stream");
            assertTrue(sum(after, "zrepl_zfscmd_runtime_count", "zfsverb=\"recv\"") >= 1, after);
            assertTrue(sum(after, "zrepl_zfscmd_runtime_count", "jobid=\"push\",zfsbinary=\"" + zfs
                    + "\",zfsverb=\"send\"") >= 1, "the push job's sends carry its name: " + after);
            assertTrue(value(after, "zrepl_daemon_log_entries", "level=\"info\",zrepl_job=\"push\"") >= 1, after);

            TESTBED.writeRandom(data, "g.bin", 1);
            TESTBED.guest("zfs snapshot " + data + "@s2");
            push.wakeup();
            assertTrue(push.awaitRuns(2, Duration.ofMinutes(3)), "the second run ended");
            String second = scrape(port);
            assertTrue(value(second, "zrepl_replication_bytes_replicated", fs) > total + (1 << 20) - 1, second);
            assertEquals(2.0, value(second, "zrepl_replication_state_time_count", "state=\"done\""));
            assertEquals(0.0, value(second, "jzrepl_replication_lag_seconds", fs));
        } finally {
            Logging.reset();
        }
    }

    /** The testbed's zfs, with every streaming {@code zfs send} throttled to ~1.3 MB/s on this host. */
    private Path throttledZfs() throws Exception {
        Path w = tmp.resolve("zfs-throttled");
        Files.writeString(w, "#!/bin/bash\n"
                + "real=" + TESTBED.zfsBinary() + "\n"
                + "if [ \"$1\" = send ] && ! printf '%s\\n' \"$@\" | grep -qx -- -n; then\n"
                + "  set -o pipefail\n"
                + "  \"$real\" \"$@\" | perl -e 'binmode STDIN; binmode STDOUT; while (($n = sysread(STDIN, $b, 65536)) > 0)"
                + " { syswrite(STDOUT, $b); select(undef, undef, undef, $n / 1300000); }'\n"
                + "  exit\n"
                + "fi\n"
                + "exec \"$real\" \"$@\"\n");
        Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwx------"));
        return w;
    }

    private String scrape(int port) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** The value of the one sample of {@code name} whose label text contains {@code label}; null if none. */
    private static Double valueOrNull(String scrape, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        Double found = null;
        while (m.find()) {
            if (m.group(1).contains(label)) {
                if (found != null) {
                    throw new AssertionError("two samples of " + name + " with " + label + " in\n" + scrape);
                }
                found = Double.parseDouble(m.group(2));
            }
        }
        return found;
    }

    /** The sum over the samples of {@code name} whose label text contains {@code label}. */
    private static double sum(String scrape, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains(label)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private static double value(String scrape, String name, String label) {
        Double v = valueOrNull(scrape, name, label);
        if (v == null) {
            throw new AssertionError("no " + name + " with " + label + " in\n" + scrape);
        }
        return v;
    }
}
