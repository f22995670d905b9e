package org.jzrepl.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.daemon.Daemon;
import org.jzrepl.job.ActiveJob;
import org.jzrepl.job.Jobs;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.cmd.ZfsCli;
import org.jzrepl.zfs.cmd.ZfsMeter;
import org.jzrepl.zfs.cmd.ZfsRunner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stall watchdog against a LOCAL {@code zfs send} that hangs before it answers, in a push job:
 * a push and a sink in one daemon (local transport), {@code replication.timeout.stall: 20s}, and the
 * push's zfs binary a wrapper of the testbed's that stops the first two {@code zfs send -n} (the
 * size estimates: the estimate worker's, then the one the step's send makes when that failed) with
 * SIGSTOP in the testbed guest before zfs starts, so that both hang for good at a known point: no
 * byte, no answer. The push must kill the estimate and go on, then find the step stalled, kill its
 * zfs processes, and replicate in a later attempt; status shows the stalled step, and no zfs process
 * of this test is left on this host. With the old code the step waited for the zfs runner's
 * 10-minute command timeout.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class StallLocalSendIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    @TempDir
    static Path tmp;
    static Daemon daemon;

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (TESTBED.pool() != null) {
            // the guest shells the wrapper stopped (jzrepl killed the host side, ssh)
            TESTBED.guest("for f in /tmp/" + TESTBED.pool().name() + "-stopped-*.pid; do [ -e \"$f\" ] &&"
                    + " kill -KILL \"$(cat \"$f\")\"; rm -f \"$f\"; done; true");
        }
    }

    @Test
    void aLocalZfsSendThatHangsBeforeAnsweringIsKilledAndTheRunCompletes() throws Exception {
        DatasetPath data = TESTBED.path("ls/src/data");
        DatasetPath sinkRoot = TESTBED.path("ls/sink");
        TESTBED.guest("zfs create -p " + data + " && zfs create -p " + sinkRoot);
        TESTBED.writeRandom(data, "f.bin", 8);
        TESTBED.guest("zfs snapshot " + data + "@s1");
        Path wrapper = stoppingWrapper(2);
        JzreplConfig c = ConfigLoader.load(Files.writeString(tmp.resolve("jzrepl.yml"), """
                global:
                  control: {sockpath: %s}
                jobs:
                  - name: sink
                    type: sink
                    serve: {type: local, listener_name: backups}
                    root_fs: %s
                  - name: push
                    type: push
                    connect: {type: local, listener_name: backups, client_identity: laptop}
                    filesystems: {"%s<": true}
                    snapshotting: {type: manual}
                    replication: {timeout: {stall: 20s}}
                    pruning: {keep_sender: [], keep_receiver: []}
                """.formatted(tmp.resolve("run/control"), sinkRoot, data)));
        // production's command timeout (10 min): only the watchdog can end a hung zfs here
        ZfsCli zfs = new ZfsCli(new ZfsRunner(wrapper, ZfsMeter.NONE));
        daemon = Daemon.start(c, new Jobs.Context(zfs, new LocalSwitchboard(), c.global().stdinserverSockdir(), tmp,
                RpcSettings.defaults(Runners.shared()), Runners.fresh()), "test");
        long started = System.nanoTime();
        ((ActiveJob) daemon.job("push").orElseThrow()).wakeup();

        FirstRun run = FirstRun.await(StallLocalSendIT::pushJob, java.time.Duration.ofMinutes(4));
        JsonNode job = run.job;
        List<String> stalledErrors = run.stalledErrors;
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        assertNotEquals(0, job.get("runs").asLong(), "the run ended within 4 minutes: " + job.toPrettyString());
        JsonNode last = job.get("last");
        assertEquals("DONE", last.get("state").asText(), job.toPrettyString());
        assertTrue(last.get("attempt").asInt() >= 2, "replicated in a later attempt: " + last.toPrettyString());
        assertEquals(2, stoppedCount(), "both estimates were stopped");
        assertTrue(seconds >= 40, "neither was aborted before its stall timeout: " + seconds + " s");
        assertTrue(stalledErrors.stream().anyMatch(e -> e.startsWith("no progress for 20s: aborted, resuming")),
                "status showed the stalled step: " + stalledErrors);
        DatasetPath received = sinkRoot.child("laptop").resolve(data);
        assertEquals(TESTBED.checksum(data, "s1"), TESTBED.checksum(received, "s1"));
        List<String> leftovers = ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(cl -> cl.contains("zfs") && cl.contains("send") && cl.contains(TESTBED.pool().name()))
                .toList();
        assertEquals(List.of(), leftovers, "jzrepl killed the zfs sends it stopped waiting for");
    }

    /**
     * A zfs binary that runs the testbed's, except that the first {@code n} {@code zfs send -n ...}
     * stop themselves in the guest (their pid in {@code /tmp/POOL-stopped-N.pid}) before zfs starts.
     */
    private static Path stoppingWrapper(int n) throws Exception {
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        String guestPid = "/tmp/" + TESTBED.pool().name() + "-stopped-$$.pid";
        Path w = tmp.resolve("zfs");
        Files.writeString(w, "#!/bin/bash\n"
                + "if [ \"$1\" = send ] && [ \"$2\" = -n ] && [ \"$(ls " + marks + " | wc -l)\" -lt " + n + " ]"
                + " && mkdir " + marks + "/$$; then\n"
                + "  exec " + TESTBED.binDir().resolve("testbed-ssh") + " \"echo \\$\\$ > " + guestPid
                + "; kill -STOP \\$\\$; exec zfs $(printf '%q ' \"$@\")\"\n"
                + "fi\n"
                + "exec " + TESTBED.zfsBinary() + " \"$@\"\n");
        Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwx------"));
        return w;
    }

    private static long stoppedCount() throws Exception {
        try (var s = Files.list(tmp.resolve("marks"))) {
            return s.count();
        }
    }

    private static JsonNode pushJob() {
        JsonNode jobs = new ObjectMapper().valueToTree(daemon.report()).get("jobs");
        for (JsonNode j : jobs) {
            if (j.get("name").asText().equals("push")) {
                return j;
            }
        }
        throw new AssertionError("no push job in " + jobs);
    }
}
