package org.jzrepl.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.daemon.Daemon;
import org.jzrepl.job.Jobs;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.DatasetPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snapshot lifecycle end to end on real ZFS: a push daemon whose {@code periodic} snapshotter
 * ticks every 5 s over two filesystems pushes (after each tick, and after the run a tick fell into), over OpenSSH and the stdinserver forced command,
 * into a sink daemon, for two minutes. Every tick's snapshot must exist on both filesystems with
 * one name, on both sides with the same guid, and no tick may be missing (names 5 s apart).
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class PushPeriodicIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    private static final Duration RUN_FOR = Duration.ofMinutes(2);
    private static final Duration CATCH_UP = Duration.ofMinutes(8);
    private static final DateTimeFormatter DENSE = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_000");

    @TempDir
    Path tmp;

    @Test
    void everyTickIsSnapshottedOnceAcrossFilesystemsAndReplicatedWithItsGuid() throws Exception {
        DatasetPath a = TESTBED.path("p/src/a");
        DatasetPath b = TESTBED.path("p/src/b");
        DatasetPath sinkRoot = TESTBED.path("p/sink");
        TESTBED.guest("zfs create -p " + a + " && zfs create " + b + " && zfs create " + sinkRoot);
        TESTBED.writeRandom(a, "f.bin", 4);
        try (PullRig rig = PullRig.start(tmp)) {
            JzreplConfig sinkConfig = load("sink.yml", "global:\n  control: {sockpath: " + tmp.resolve("sink.ctl")
                    + "}\n  serve: {stdinserver: {sockdir: " + rig.sockdir() + "}}\njobs:\n"
                    + "  - name: sink\n    type: sink\n    root_fs: " + sinkRoot + "\n"
                    + "    serve: {type: stdinserver, client_identities: [" + PullRig.IDENTITY + "]}\n");
            JzreplConfig pushConfig = load("push.yml", """
                    global:
                      control: {sockpath: %s}
                    jobs:
                      - name: push
                        type: push
                        connect: %s
                        filesystems: {"%s": true, "%s": true}
                        conflict_resolution: {initial_replication: all}
                        replication: {concurrency: {steps: 2}}
                        snapshotting:
                          type: periodic
                          prefix: jz_
                          interval: 5s
                        pruning: {keep_sender: [], keep_receiver: []}
                    """.formatted(tmp.resolve("push.ctl"), rig.connectYaml(), a, b));
            Map<String, List<String>> taken;
            try (Daemon sink = Daemon.start(sinkConfig, context(sinkConfig), "test");
                 Daemon push = Daemon.start(pushConfig, context(pushConfig), "test")) {
                Thread.sleep(RUN_FOR.toMillis());
                taken = settled(snapshots(TESTBED.path("p/src")), a.name(), b.name());
                DatasetPath received = sinkRoot.child(PullRig.IDENTITY).resolve(TESTBED.path("p/src"));
                // the testbed VM takes seconds per incremental step, so the sink lags the ticks;
                // every tick taken by now must arrive (older snapshots replicate first)
                long deadline = System.nanoTime() + CATCH_UP.toNanos();
                while (!hasAll(snapshots(received), taken) && System.nanoTime() < deadline) {
                    Thread.sleep(1000);
                }
                JsonNode job = new ObjectMapper().valueToTree(push.report()).get("jobs").get(0);
                Map<String, List<String>> got = snapshots(received);
                assertTrue(hasAll(got, taken), "every tick taken by " + RUN_FOR + " reached the sink; taken "
                        + taken + "\nreceived " + got + "\nstatus " + job.toPrettyString());
                assertTrue(job.get("snapshotting").get("ticks").asLong() >= taken.get(a.name()).size(),
                        job.toPrettyString());
                assertEquals(0, job.get("snapshotting").get("skippedTicks").asLong());
            }
            List<String> namesA = taken.get(a.name());
            assertEquals(namesA, taken.get(b.name()), "one name per tick across filesystems");
            int expected = (int) (RUN_FOR.getSeconds() / 5);
            assertTrue(namesA.size() >= expected - 2 && namesA.size() <= expected + 1,
                    namesA.size() + " ticks in " + RUN_FOR + ": " + namesA);
            for (int i = 1; i < namesA.size(); i++) {
                LocalDateTime prev = LocalDateTime.parse(namesA.get(i - 1).substring(3), DENSE);
                LocalDateTime next = LocalDateTime.parse(namesA.get(i).substring(3), DENSE);
                // A tick that starts more than Snapshotting.ON_TIME late (a loaded machine) is named by
                // its real start and the schedule goes on from there: the gap grows, but below two
                // intervals no tick was lost.
                Duration gap = Duration.between(prev, next);
                assertTrue(gap.compareTo(Duration.ofSeconds(5)) >= 0 && gap.compareTo(Duration.ofSeconds(10)) < 0,
                        "no tick lost between " + namesA.get(i - 1) + " and " + namesA.get(i) + " (" + gap + ")");
            }
            DatasetPath received = sinkRoot.child(PullRig.IDENTITY).resolve(TESTBED.path("p/src"));
            assertTrue(received.depth() > sinkRoot.depth());
            Map<String, String> srcGuids = guids(TESTBED.path("p/src"));
            Map<String, String> dstGuids = guids(received);
            for (DatasetPath fs : List.of(a, b)) {
                DatasetPath copy = sinkRoot.child(PullRig.IDENTITY).resolve(fs);
                for (String snap : namesA) {
                    String src = srcGuids.get(fs.name() + "@" + snap);
                    assertTrue(src != null, fs + "@" + snap);
                    assertEquals(src, dstGuids.get(copy.name() + "@" + snap), copy + "@" + snap
                            + " has the source's guid");
                }
            }
        }
    }

    /**
     * The listing without a tick that only some filesystems show: zfs list visits datasets one
     * after another, so a tick taken while it runs (atomically, in one txg) can appear for one
     * filesystem and not yet for the other. At most the newest tick may differ, and only so.
     */
    private static Map<String, List<String>> settled(Map<String, List<String>> listed, String a, String b) {
        List<String> la = listed.getOrDefault(a, List.of());
        List<String> lb = listed.getOrDefault(b, List.of());
        List<String> common = la.stream().filter(lb::contains).toList();
        assertTrue(la.size() - common.size() <= 1 && lb.size() - common.size() <= 1
                        && common.equals(la.subList(0, common.size())) && common.equals(lb.subList(0, common.size())),
                "the filesystems differ by more than the tick in progress: " + listed);
        Map<String, List<String>> out = new TreeMap<>();
        out.put(a, common);
        out.put(b, common);
        return out;
    }

    /** Filesystem name -> its jz_ snapshot names, oldest first (by createtxg). */
    private static Map<String, List<String>> snapshots(DatasetPath root) {
        Map<String, List<String>> out = new TreeMap<>();
        String listing = TESTBED.guest("zfs list -H -r -t snapshot -s createtxg -o name " + root
                + " 2>/dev/null || true");
        for (String line : listing.split("\n")) {
            int at = line.indexOf('@');
            if (at < 0 || !line.startsWith("jz_", at + 1)) {
                continue;
            }
            String fs = line.substring(0, at);
            out.computeIfAbsent(fs, k -> new ArrayList<>()).add(line.substring(at + 1));
        }
        return out;
    }

    /** Whether every source filesystem's snapshots (keyed by source name) are in {@code received}. */
    private static boolean hasAll(Map<String, List<String>> received, Map<String, List<String>> taken) {
        for (Map.Entry<String, List<String>> e : taken.entrySet()) {
            String copy = null;
            for (String fs : received.keySet()) {
                if (fs.endsWith("/" + e.getKey())) {
                    copy = fs;
                }
            }
            if (copy == null || !received.get(copy).containsAll(e.getValue())) {
                return false;
            }
        }
        return !taken.isEmpty();
    }

    /** Snapshot full name -> guid, for every snapshot under {@code root}. */
    private static Map<String, String> guids(DatasetPath root) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : TESTBED.guest("zfs get -H -r -p -t snapshot -o name,value guid " + root).split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 2) {
                out.put(f[0], f[1]);
            }
        }
        return out;
    }

    private JzreplConfig load(String name, String text) throws Exception {
        return ConfigLoader.load(Files.writeString(tmp.resolve(name), text));
    }

    private static Jobs.Context context(JzreplConfig c) {
        return new Jobs.Context(TESTBED.zfs(), new LocalSwitchboard(), c.global().stdinserverSockdir(),
                Path.of(System.getProperty("user.home")), RpcSettings.defaults(Runners.shared()), Runners.fresh());
    }
}
