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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stall watchdog against a stopped LOCAL {@code zfs recv} in a pull job: two daemons from
 * config text (a source behind the test sshd, a pull with {@code replication.timeout.stall: 30s}
 * and a receive limit that keeps the stream going for a while); once bytes flow, the pull's own
 * {@code zfs recv} gets SIGSTOP in the testbed. Closing the connection frees nothing here (the
 * receive is blocked writing into the stopped recv's pipe): the pull must kill its local zfs recv,
 * resume the step from the receiver's token in a second attempt and finish with identical data,
 * status showing the stalled step; no zfs process of this test is left running on this host.
 *
 * <p>In the testbed the process jzrepl kills is the host-side wrapper (ssh); the guest's zfs recv
 * then loses its stdin, ends its receive in the kernel and keeps the resumable state while it stays
 * stopped (it is killed after the test). On a real host jzrepl's SIGKILL hits zfs recv itself,
 * which keeps the resumable state too: {@link #aKilledStoppedZfsRecvKeepsItsResumeToken} checks that.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class StallLocalRecvIT {
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
            TESTBED.guest("pkill -KILL -f " + ZfsTestbed.quote("^zfs (send|recv) .*" + TESTBED.pool().name())
                    + " || true");
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
    void aStoppedLocalZfsRecvIsKilledAfterTheStallTimeoutAndTheRunCompletesAfterTheResume() throws Exception {
        rig = PullRig.start(tmp);
        DatasetPath data = TESTBED.path("lr/src/data");
        DatasetPath dst = TESTBED.path("lr/dst");
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
                    replication: {timeout: {stall: 30s}}
                    pruning: {keep_sender: [], keep_receiver: []}
                """.formatted(tmp.resolve("pull/control"), rig.connectYaml(), dst));
        source = Daemon.start(sourceConfig, context(sourceConfig), "test");
        puller = Daemon.start(pullConfig, context(pullConfig), "test");

        ((ActiveJob) puller.job("pull").orElseThrow()).wakeup();
        awaitBytes(12 << 20);      // a few seconds of the stream: zfs has saved resumable state by then
        TESTBED.guest("pkill -STOP -f " + ZfsTestbed.quote("^zfs recv .*" + dst));
        long stoppedAt = System.nanoTime();

        FirstRun run = FirstRun.await(StallLocalRecvIT::pullJob, java.time.Duration.ofMinutes(6));
        JsonNode job = run.job;
        List<String> stalledErrors = run.stalledErrors;
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stoppedAt);

        JsonNode last = job.get("last");
        assertNotEquals(0, job.get("runs").asLong(), "the run ended within 6 minutes of the stop: " + job.toPrettyString());
        assertEquals("DONE", last.get("state").asText(), job.toPrettyString());
        assertTrue(last.get("attempt").asInt() >= 2, "resumed in a later attempt: " + last.toPrettyString());
        assertTrue(seconds >= 30, "not aborted before the stall timeout: " + seconds + " s");
        assertTrue(stalledErrors.stream().anyMatch(e -> e.startsWith("no progress for 30s: aborted, resuming")),
                "status showed the stalled step: " + stalledErrors);
        JsonNode step = last.get("filesystems").findValues("steps").stream().filter(s -> s.size() > 0)
                .findFirst().orElseThrow().get(0);
        assertTrue(step.get("resumed").asBoolean(), "the step resumed from the token: " + step.toPrettyString());
        DatasetPath received = dst.resolve(data);
        assertEquals(TESTBED.checksum(data, "s1"), TESTBED.checksum(received, "s1"));
        assertEquals("-", TESTBED.guest("zfs get -H -o value receive_resume_token " + received).strip());
        List<String> leftovers = ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> (c.contains("zfs recv") || c.contains("zfs send")) && c.contains(TESTBED.pool().name()))
                .toList();
        assertEquals(List.of(), leftovers, "jzrepl killed the zfs processes it stopped waiting for");
    }

    /** What jzrepl relies on when it kills a stopped zfs recv: the partial receive stays resumable. */
    @Test
    void aKilledStoppedZfsRecvKeepsItsResumeToken() {
        DatasetPath src = TESTBED.path("kt/src");
        DatasetPath dst = TESTBED.path("kt/dst");
        TESTBED.guest("zfs create -p " + src + " && zfs create -p " + dst);
        TESTBED.writeRandom(src, "f.bin", 16);
        TESTBED.guest("zfs snapshot " + src + "@s1");
        DatasetPath target = dst.child("x");
        String pattern = ZfsTestbed.quote("^zfs recv -s " + target + "$");
        // 4 MB of the stream, then the feeder waits: the recv has begun and waits for more.
        TESTBED.guest("{ zfs send " + src + "@s1 | { head -c 4000000; exec sleep 30; } | zfs recv -s " + target
                + "; } >/dev/null 2>&1 &"
                + " for i in $(seq 100); do sleep 0.1; pgrep -f " + pattern + " >/dev/null && break; done; sleep 2;"
                + " pkill -STOP -f " + pattern + "; sleep 1; pkill -KILL -f " + pattern + "; sleep 1");
        assertEquals("", TESTBED.guest("pgrep -f " + pattern + " || true").strip(), "the recv is gone");
        String token = TESTBED.guest("zfs get -H -o value receive_resume_token " + target).strip();
        assertTrue(token.startsWith("1-"), "a resume token after SIGKILL: " + token);
        TESTBED.guest("zfs send -t " + token + " | zfs recv -s " + target);
        assertEquals(TESTBED.checksum(src, "s1"), TESTBED.checksum(target, "s1"));
    }

    private static void awaitBytes(long bytes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            JsonNode current = pullJob().get("current");
            if (current != null && !current.isNull() && current.get("bytesReplicated").asLong() >= bytes) {
                return;
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
