package org.jzrepl.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stall watchdog against a real stopped {@code zfs send}: two daemons from config text (a
 * source behind the test sshd, a pull with {@code replication.timeout.stall: 10s} and a receive
 * limit that keeps the stream going for a while); once bytes flow, the sender's {@code zfs send}
 * in the testbed gets SIGSTOP. The pull must abort the step after 10 s without progress, resume it
 * from the receiver's token in a second attempt, and finish with identical data; no zfs send of
 * this test is left running on this host.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class StallResumeIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    @TempDir
    static Path tmp;
    static PullRig rig;
    static Daemon source;
    static Daemon puller;

    @AfterAll
    static void stop() throws Exception {
        if (TESTBED.pool() != null) {
            TESTBED.guest("pkill -KILL -f " + ZfsTestbed.quote("^zfs send .*" + TESTBED.pool().name()) + " || true");
        }
        if (puller != null) {
            puller.close();
        }
        if (source != null) {
            source.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void aStoppedZfsSendIsAbortedAfterTheStallTimeoutAndTheRunCompletesAfterTheResume() throws Exception {
        rig = PullRig.start(tmp);
        DatasetPath data = TESTBED.path("st/src/data");
        DatasetPath dst = TESTBED.path("st/dst");
        TESTBED.guest("zfs create -p " + data + " && zfs create -p " + dst);
        TESTBED.writeRandom(data, "f.bin", 32);
        TESTBED.guest("zfs snapshot " + data + "@s1");
        JzreplConfig sourceConfig = load("src.yml", """
                global:
                  control: {sockpath: %s}
                  serve: {stdinserver: {sockdir: %s}}
                jobs:
                  - name: src
                    type: source
                    serve: {type: stdinserver, client_identities: [%s]}
                    filesystems: {"%s<": true}
                    snapshotting: {type: manual}
                """.formatted(tmp.resolve("src/control"), rig.sockdir(), PullRig.IDENTITY, data));
        JzreplConfig pullConfig = load("pull.yml", """
                global:
                  control: {sockpath: %s}
                jobs:
                  - name: pull
                    type: pull
                    connect: %s
                    root_fs: %s
                    interval: manual
                    recv: {bandwidth_limit: {max: 4 MiB}}
                    replication: {timeout: {stall: 10s}}
                    pruning: {keep_sender: [], keep_receiver: []}
                """.formatted(tmp.resolve("pull/control"), rig.connectYaml(), dst));
        source = Daemon.start(sourceConfig, context(sourceConfig), "test");
        puller = Daemon.start(pullConfig, context(pullConfig), "test");

        ((ActiveJob) puller.job("pull").orElseThrow()).wakeup();
        awaitBytes(1 << 20);
        String pattern = ZfsTestbed.quote("^zfs send .*" + TESTBED.pool().name());
        TESTBED.guest("pkill -STOP -f " + pattern);
        long stoppedAt = System.nanoTime();

        FirstRun run = FirstRun.await(StallResumeIT::pullJob, java.time.Duration.ofMinutes(4));
        JsonNode job = run.job;
        List<String> stalledErrors = run.stalledErrors;
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stoppedAt);

        JsonNode last = job.get("last");
        assertEquals("DONE", last.get("state").asText(), job.toPrettyString());
        assertTrue(last.get("attempt").asInt() >= 2, "resumed in a later attempt: " + last.toPrettyString());
        assertTrue(seconds >= 10, "not aborted before the stall timeout: " + seconds + " s");
        assertTrue(stalledErrors.stream().anyMatch(e -> e.startsWith("no progress for 10s: aborted, resuming")),
                "status showed the stalled step: " + stalledErrors);
        JsonNode step = last.get("filesystems").findValues("steps").stream().filter(s -> s.size() > 0)
                .findFirst().orElseThrow().get(0);
        assertTrue(step.get("resumed").asBoolean(), step.toPrettyString());
        DatasetPath received = dst.resolve(data);
        assertEquals(TESTBED.checksum(data, "s1"), TESTBED.checksum(received, "s1"));
        assertEquals("-", TESTBED.guest("zfs get -H -o value receive_resume_token " + received).strip());
        List<String> leftovers = ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("zfs send") && c.contains(TESTBED.pool().name())).toList();
        assertEquals(List.of(), leftovers, "jzrepl killed the zfs send it stopped waiting for");
    }

    private static JsonNode awaitBytes(long bytes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            JsonNode job = pullJob();
            JsonNode current = job.get("current");
            if (current != null && !current.isNull() && current.get("bytesReplicated").asLong() >= bytes) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + bytes + " bytes replicated within 2 minutes: " + pullJob().toPrettyString());
    }

    private static JsonNode pullJob() {
        return new ObjectMapper().valueToTree(puller.report()).get("jobs").get(0);
    }

    private static Jobs.Context context(JzreplConfig c) {
        return new Jobs.Context(TESTBED.zfs(), new LocalSwitchboard(), c.global().stdinserverSockdir(),
                Path.of(System.getProperty("user.home")), RpcSettings.defaults(Runners.shared()), Runners.fresh());
    }

    private static JzreplConfig load(String name, String text) throws Exception {
        return ConfigLoader.load(Files.writeString(tmp.resolve(name), text));
    }
}
