package org.jzrepl.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.cli.JzreplCli;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.daemon.Daemon;
import org.jzrepl.daemon.ZfsBinary;
import org.jzrepl.daemon.control.ControlClient;
import org.jzrepl.daemon.control.SignalOp;
import org.jzrepl.endpoint.AbstractionNames;
import org.jzrepl.job.Jobs;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Guid;
import picocli.CommandLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two daemons in this JVM, each from its own config text as a user writes it: the data host's
 * (a source job on a stdinserver socket behind the test sshd) and the backup host's (a manual pull
 * job dialling that sshd). Replication is started and watched over the pull daemon's control
 * socket; then {@code jzrepl zfs-abstraction} lists and releases holds and cursors.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class DaemonPullIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    @TempDir
    static Path tmp;
    static PullRig rig;
    static Daemon source;
    static Daemon puller;
    static JzreplConfig pullConfig;
    static Path bothJobs;

    @BeforeAll
    static void startDaemons() throws Exception {
        rig = PullRig.start(tmp);
        DatasetPath data = TESTBED.path("d/src/data");
        TESTBED.guest("zfs create -p " + data + " && zfs create " + TESTBED.path("d/dst"));
        TESTBED.writeRandom(data, "f.bin", 1);
        TESTBED.guest("zfs snapshot " + data + "@s1 && zfs snapshot " + data + "@s2");
        String sourceJob = """
                  - name: src
                    type: source
                    serve: {type: stdinserver, client_identities: [%s]}
                    filesystems: {"%s<": true}
                    snapshotting: {type: manual}
                """.formatted(PullRig.IDENTITY, data);
        String pullJob = """
                  - name: pull
                    type: pull
                    connect: %s
                    root_fs: %s
                    interval: manual
                    pruning: {keep_sender: [], keep_receiver: []}
                """.formatted(rig.connectYaml(), TESTBED.path("d/dst"));
        JzreplConfig sourceConfig = load("src.yml", "global:\n  control: {sockpath: " + tmp.resolve("src/control")
                + "}\n  serve: {stdinserver: {sockdir: " + rig.sockdir() + "}}\njobs:\n" + sourceJob);
        pullConfig = load("pull.yml", "global:\n  control: {sockpath: " + tmp.resolve("pull/control")
                + "}\njobs:\n" + pullJob);
        bothJobs = write("both.yml", "global:\n  control: {sockpath: " + tmp.resolve("pull/control")
                + "}\njobs:\n" + sourceJob + pullJob);
        source = Daemon.start(sourceConfig, context(sourceConfig), "test");
        puller = Daemon.start(pullConfig, context(pullConfig), "test");
        System.setProperty(ZfsBinary.PROPERTY, TESTBED.zfsBinary().toString());
    }

    @AfterAll
    static void stop() throws Exception {
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
    void wakeupOverTheControlSocketReplicatesAndStatusShowsIt() throws Exception {
        ControlClient control = new ControlClient(pullConfig.global().controlSockpath(), Duration.ofSeconds(5),
                new ObjectMapper());
        JsonNode job = pullJob(control);
        assertEquals("WAITING", job.get("state").asText());
        long before = job.get("runs").asLong();

        control.signal("pull", SignalOp.WAKEUP);
        long deadline = System.nanoTime() + PullRig.RUN_TIMEOUT.toNanos();
        while ((job = pullJob(control)).get("runs").asLong() == before && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }

        JsonNode last = job.get("last");
        assertEquals("DONE", last.get("state").asText(), job.toPrettyString());
        assertTrue(last.get("bytesReplicated").asLong() > 1 << 20, last.toPrettyString());
        DatasetPath data = TESTBED.path("d/src/data");
        DatasetPath received = TESTBED.path("d/dst").resolve(data);
        assertEquals(TESTBED.checksum(data, "s2"), TESTBED.checksum(received, "s2"));
        JsonNode served = source.report().jobs().isEmpty() ? null
                : new ObjectMapper().valueToTree(source.report()).get("jobs").get(0);
        assertTrue(served.get("served").asLong() >= 1, "the source counted the connections: " + served);
        assertEquals(PullRig.IDENTITY, served.get("clients").get(0).asText());

        releaseStaleRemovesOnlyStaleHoldsAndCursors(data, received);
    }

    /**
     * Runs after a replication: the source's cursor for the pull's identity (src, per client) and
     * the pull's last-received hold exist; an older cursor and a step hold of that client are stale.
     */
    private void releaseStaleRemovesOnlyStaleHoldsAndCursors(DatasetPath data, DatasetPath received) {
        String s1Guid = TESTBED.guest("zfs get -H -p -o value guid " + data + "@s1").strip();
        String oldCursor = AbstractionNames.cursor(Guid.parse(s1Guid), "src", PullRig.IDENTITY);
        String stepHold = AbstractionNames.stepHold("src", PullRig.IDENTITY);
        TESTBED.guest("zfs bookmark " + data + "@s1 " + data + "#" + oldCursor
                + " && zfs hold " + stepHold + " " + data + "@s1"
                + " && zfs hold " + AbstractionNames.lastReceivedHold("gone") + " " + received + "@s2"
                + " && zfs hold zrepl_STEP_J_other " + data + "@s2");
        String fs = TESTBED.path("d").name() + "<";

        Run list = cli("zfs-abstraction", "list", "--fs", fs);
        assertEquals(0, list.exit, list.err);
        assertEquals(6, list.out.strip().split("\n").length, list.out);
        assertTrue(list.out.contains("replication-cursor") && list.out.contains("last-received-hold")
                && list.out.contains("step-hold") && list.out.contains("(zrepl's)"), list.out);

        Run dry = cli("zfs-abstraction", "release-stale", "--dry-run", "--fs", fs);
        assertEquals(0, dry.exit, dry.err);
        assertEquals(3, dry.out.strip().split("\n").length, dry.out);
        assertTrue(dry.out.contains(oldCursor) && dry.out.contains(stepHold)
                && dry.out.contains(AbstractionNames.lastReceivedHold("gone")), dry.out);
        assertEquals(list.out, cli("zfs-abstraction", "list", "--fs", fs).out, "a dry run changes nothing");

        Run release = cli("zfs-abstraction", "release-stale", "--fs", fs);
        assertEquals(0, release.exit, release.out + release.err);
        assertEquals(3, release.out.strip().split("\n").length, release.out);

        Run json = cli("zfs-abstraction", "list", "--fs", fs, "--json");
        String[] left = json.out.strip().split("\n");
        assertEquals(3, left.length, json.out);
        assertTrue(json.out.contains("\"type\":\"replication-cursor\",\"job\":\"src\""), json.out);
        assertTrue(json.out.contains("\"type\":\"last-received-hold\",\"job\":\"pull\""), json.out);
        assertTrue(json.out.contains("\"name\":\"zrepl_STEP_J_other\""), "zrepl's hold is left alone: " + json.out);
        assertFalse(json.out.contains(oldCursor), json.out);
        TESTBED.guest("zfs release zrepl_STEP_J_other " + data + "@s2");
    }

    // ---------------------------------------------------------------- helpers

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = bothJobs.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        CommandLine cmd = JzreplCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    private static JsonNode pullJob(ControlClient control) throws Exception {
        return control.status().get("jobs").get(0);
    }

    private static Jobs.Context context(JzreplConfig c) {
        return new Jobs.Context(TESTBED.zfs(), new LocalSwitchboard(), c.global().stdinserverSockdir(),
                Path.of(System.getProperty("user.home")), RpcSettings.defaults(Runners.shared()), org.jzrepl.testing.runtime.Runners.fresh());
    }

    private static JzreplConfig load(String name, String text) throws Exception {
        return ConfigLoader.load(write(name, text));
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }
}
