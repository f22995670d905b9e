package org.jzrepl.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.cli.JzreplCli;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.job.Jobs;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.Zfs;
import picocli.CommandLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

/** {@code jzrepl status} and {@code jzrepl signal} against a running daemon (and without one). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliAgainstDaemonTest {
    @TempDir
    Path tmp;
    Path configFile;
    Daemon daemon;

    @BeforeEach
    void startDaemon() throws Exception {
        configFile = Files.writeString(tmp.resolve("jzrepl.yml"), "global:\n"
                + "  control: {sockpath: " + tmp.resolve("run/control") + "}\n"
                + "  serve: {stdinserver: {sockdir: " + tmp.resolve("run/s") + "}}\n"
                + "jobs:\n"
                + "  - name: src\n    type: source\n    serve: {type: stdinserver, client_identities: [b1]}\n"
                + "    filesystems: {\"pool<\": true}\n    snapshotting: {type: manual}\n"
                + "  - name: pull1\n    type: pull\n"
                + "    connect: {type: local, listener_name: nowhere, client_identity: me}\n"
                + "    root_fs: pool/b\n    interval: manual\n    pruning: {keep_sender: [], keep_receiver: []}\n");
        JzreplConfig c = ConfigLoader.load(configFile);
        daemon = Daemon.start(c, new Jobs.Context(mock(Zfs.class), new LocalSwitchboard(),
                c.global().stdinserverSockdir(), tmp, RpcSettings.defaults(Runners.shared()), org.jzrepl.testing.runtime.Runners.fresh()), "cli-test");
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run cli(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = configFile.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        CommandLine cmd = JzreplCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return new Run(cmd.execute(all), out.toString(), err.toString());
    }

    @Test
    void statusPrintsTheRawJsonReport() throws Exception {
        Run r = cli("status", "--mode", "raw");
        assertEquals(0, r.exit, r.err);
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertEquals("cli-test", json.get("version").asText());
        assertEquals(2, json.get("jobs").size());
    }

    @Test
    void statusOfOneJob() throws Exception {
        Run r = cli("status", "--mode", "raw", "--job", "pull1");
        assertEquals(0, r.exit, r.err);
        JsonNode jobs = new ObjectMapper().readTree(r.out).get("jobs");
        assertEquals(1, jobs.size());
        assertEquals("pull", jobs.get(0).get("type").asText());
        Run unknown = cli("status", "--job", "nosuch");
        assertEquals(2, unknown.exit);
        assertTrue(unknown.err.contains("no job named 'nosuch'"), unknown.err);
    }

    @Test
    void statusWithoutATerminalPrintsThePlainDumpAndSaysSo() throws Exception {
        Run r = cli("status");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("job pull1 (pull)") && r.out.contains("job src (source)"), r.out);
        assertTrue(!r.err.isBlank(), "a note on stderr says the output is the plain dump");
    }

    @Test
    void signalWakeupStartsARunAndResetCancelsIt() throws Exception {
        org.jzrepl.job.ActiveJob pull = (org.jzrepl.job.ActiveJob) daemon.job("pull1").orElseThrow();
        Run wakeup = cli("signal", "wakeup", "pull1");
        assertEquals(0, wakeup.exit, wakeup.err);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (((org.jzrepl.job.JobReport.Active) pull.report()).state() != org.jzrepl.job.ActiveJob.State.RUNNING
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        // the local listener 'nowhere' does not exist: the run waits to reconnect until reset
        Run reset = cli("signal", "reset", "pull1");
        assertEquals(0, reset.exit, reset.err);
        assertTrue(pull.awaitRuns(1, java.time.Duration.ofSeconds(30)), "reset ended the run");
        assertEquals(org.jzrepl.replication.report.AttemptState.CANCELLED,
                ((org.jzrepl.job.JobReport.Active) pull.report()).last().state());
        Run passive = cli("signal", "wakeup", "src");
        assertEquals(1, passive.exit);
        assertTrue(passive.err.contains("source job"), passive.err);
    }

    @Test
    void traceStartRecordsARunUntilStopAndTheDaemonsStopClosesATraceToo() throws Exception {
        Path file = tmp.resolve("trace.json");
        long t0 = java.time.Instant.now().toEpochMilli() * 1000 - 1000;
        Run start = cli("trace", "start", file.toString());
        assertEquals(0, start.exit, start.err);
        assertTrue(start.out.contains("tracing to " + file), start.out);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        Run again = cli("trace", "start", tmp.resolve("other.json").toString());
        assertTrue(again.exit != 0 && again.err.contains("a trace is being written already, to " + file), again.err);

        org.jzrepl.job.ActiveJob pull = (org.jzrepl.job.ActiveJob) daemon.job("pull1").orElseThrow();
        assertEquals(0, cli("signal", "wakeup", "pull1").exit);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (((org.jzrepl.job.JobReport.Active) pull.report()).state() != org.jzrepl.job.ActiveJob.State.RUNNING
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
        assertEquals(0, cli("signal", "reset", "pull1").exit);
        assertTrue(pull.awaitRuns(1, java.time.Duration.ofSeconds(30)));
        Thread.sleep(100);
        Run stop = cli("trace", "stop");
        assertEquals(0, stop.exit, stop.err);
        assertTrue(stop.out.startsWith("trace stopped: " + file + ": " + Files.size(file) + " bytes, "), stop.out);
        org.jzrepl.testing.trace.TraceFile t = org.jzrepl.testing.trace.TraceFile.read(file)
                .checkStructure(t0, java.time.Instant.now().toEpochMilli() * 1000 + 1000);
        JsonNode run = t.named("run").get(0);
        assertEquals("job pull1 run", t.parent(run).path("name").asText(), "the run span is in the job's run task");
        assertTrue(t.named("attempt").stream().allMatch(a -> t.parent(a) == run), "attempts are the run's children");
        assertTrue(t.complete().stream().anyMatch(e -> e.path("name").asText().equals("control request")),
                "the control requests are tasks too");
        assertEquals("no trace was running", cli("trace", "stop").out.strip());

        Run exists = cli("trace", "start", file.toString());
        assertTrue(exists.exit != 0 && exists.err.contains("exists"), exists.err);
        assertEquals(0, cli("trace", "start", "--force", "--max-size", "64 KiB", file.toString()).exit);
        daemon.close();
        assertTrue(new ObjectMapper().readTree(file.toFile()).isArray(), "a clean stop leaves valid JSON");
    }

    @Test
    void withoutADaemonStatusExitsFour() {
        daemon.close();
        Run r = cli("status");
        assertEquals(4, r.exit, r.out + r.err);
    }
}
