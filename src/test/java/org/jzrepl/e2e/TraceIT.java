package org.jzrepl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.jzrepl.testing.trace.TraceFile;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.util.trace.Tracing;
import org.jzrepl.zfs.DatasetPath;

/**
 * A traced daemon on real ZFS (push and sink over the local transport, two filesystems, two steps
 * at once, pruning both sides): the trace file the daemon closes at its stop is valid JSON, and the
 * run shows run, attempt, fs, step and the zfs commands nested, and the pruners with theirs.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TraceIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    @TempDir
    Path tmp;

    @Test
    void aTracedRunNestsRunAttemptFsStepZfsAndThePruners() throws Exception {
        DatasetPath a = TESTBED.path("p/src/a");
        DatasetPath b = TESTBED.path("p/src/b");
        DatasetPath sinkRoot = TESTBED.path("p/sink");
        TESTBED.guest("zfs create -p " + a + " && zfs create -p " + b + " && zfs create " + sinkRoot);
        TESTBED.writeRandom(a, "f.bin", 2);
        TESTBED.writeRandom(b, "f.bin", 2);
        TESTBED.guest("zfs snapshot " + a + "@s1 && zfs snapshot " + b + "@s1 && zfs snapshot " + a + "@s2");
        Path config = Files.writeString(tmp.resolve("jzrepl.yml"), "global:\n"
                + "  control: {sockpath: " + tmp.resolve("run/control") + "}\n"
                + "jobs:\n"
                + "  - name: sink\n    type: sink\n    serve: {type: local, listener_name: backups}\n"
                + "    root_fs: " + sinkRoot + "\n"
                + "  - name: push\n    type: push\n"
                + "    connect: {type: local, listener_name: backups, client_identity: laptop}\n"
                + "    filesystems: {\"" + a + "\": true, \"" + b + "\": true}\n"
                + "    snapshotting: {type: manual}\n"
                + "    replication: {concurrency: {steps: 2}}\n"
                + "    pruning:\n      keep_sender: [{type: last_n, count: 10}]\n"
                + "      keep_receiver: [{type: last_n, count: 10}]\n");
        Path file = tmp.resolve("trace.json");
        long t0 = micros() - 1000;
        Tracing.start(file, false, Tracing.DEFAULT_MAX_BYTES);
        JzreplConfig c = ConfigLoader.load(config);
        try (Daemon d = Daemon.start(c, new Jobs.Context(TESTBED.zfs(), new LocalSwitchboard(),
                c.global().stdinserverSockdir(), tmp, RpcSettings.defaults(Runners.shared()), Runners.fresh()), "test")) {
            ActiveJob push = (ActiveJob) d.job("push").orElseThrow();
            push.wakeup();
            assertTrue(push.awaitRuns(1, Duration.ofMinutes(4)), "the push run ended");
            JobReport.Active r = (JobReport.Active) push.report();
            assertEquals(AttemptState.DONE, r.last().state(), r.toString());
        }
        assertTrue(Tracing.current().isEmpty(), "the daemon's stop closed the trace");
        TraceFile t = TraceFile.read(file).checkStructure(t0, micros() + 1000);

        assertEquals(1, t.named("run").size());
        JsonNode run = t.named("run").get(0);
        assertEquals("job push run", t.parent(run).path("name").asText());
        assertEquals(2, t.named("step").size(), "initial replication sends the newest snapshot of each: a@s2, b@s1");
        List<JsonNode> sends = t.named("zfs").stream()
                .filter(z -> z.path("args").path("argv").asText().startsWith("send -- ")).toList();   // not the dry runs
        assertEquals(2, sends.size(), "one zfs send per step: " + sends);
        for (JsonNode send : sends) {
            assertEquals("run>attempt>fs>step>zfs", t.spanPath(send));
            long dur = send.path("dur").asLong();
            assertTrue(dur > 0 && dur < 120_000_000, "sane: " + send);
            JsonNode step = t.parent(send);
            assertTrue(step.path("ts").asLong() <= send.path("ts").asLong()
                    && TraceFile.end(send) <= TraceFile.end(step) + 1000, "within its step: " + send + " " + step);
        }
        assertTrue(t.named("zfs").stream().anyMatch(z -> t.spanPath(z).startsWith("run>attempt>zfs")
                || t.spanPath(z).startsWith("run>attempt>fs>zfs") || t.spanPath(z).equals("run>attempt>fs>step>zfs")),
                "planning lists too");
        assertTrue(t.named("zfs").stream().anyMatch(z -> t.spanPath(z).startsWith("run>prune-sender")),
                "the sender's pruner lists with zfs");
        assertEquals(1, t.named("prune-receiver").size());
        assertTrue(t.complete().stream().anyMatch(e -> e.path("name").asText().startsWith("receive ")),
                "the receive calls are tasks");
    }

    static long micros() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }
}
