package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.cli.status.SampleReports;
import org.jzrepl.daemon.control.ControlHandler;
import org.jzrepl.daemon.control.ControlServer;
import org.jzrepl.daemon.control.SignalOp;
import org.jzrepl.testing.runtime.Runners;

/** {@code jzrepl status} against a real control socket serving a fixed report; tests have no terminal. */
class StatusCommandTest {
    @TempDir
    Path tmp;
    ControlServer server;
    Path config;

    @BeforeEach
    void serve() throws Exception {
        Path sock = tmp.resolve("run").resolve("control");
        ControlHandler handler = new ControlHandler() {
            @Override
            public Object status() {
                return SampleReports.built(1L << 20);
            }

            @Override
            public String version() {
                return "test";
            }

            @Override
            public void signal(String job, SignalOp op) {
            }

            @Override
            public Object pruneDryRun(String job, String filesystem) throws UnknownJobException {
                throw new UnknownJobException(job);
            }
        };
        server = ControlServer.start(sock, handler, new ObjectMapper(), Runners.shared());
        config = Files.writeString(tmp.resolve("jzrepl.yml"), "global:\n  control: {sockpath: " + sock + "}\njobs: []\n");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    CliRun status(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("-c", config.toString(), "status"));
        argv.addAll(List.of(args));
        return CliRun.of(argv.toArray(String[]::new));
    }

    @Test
    void withoutATerminalPrintsOnePlainReportAndSaysSo() {
        CliRun run = status();
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(StatusCommand.NOT_A_TERMINAL), List.of(run.errLines()));
        assertTrue(run.out().contains("job backup (push): RUNNING, phase: replication"), run.out());
        assertTrue(run.out().contains("tank/data/child         BLOCKED on tank/data"), run.out());
        assertTrue(run.out().contains("job sink (sink): SERVING"), run.out());
        assertTrue(run.out().chars().noneMatch(c -> c == 0x1b), "no escape character reaches stdout");
    }

    @Test
    void dumpOfOneJobWithoutTheNote() {
        CliRun run = status("--mode", "dump", "--job", "sink");
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("job sink (sink)"), run.out());
        assertTrue(!run.out().contains("job backup"), run.out());
    }

    @Test
    void rawPrintsTheDaemonsJson() throws Exception {
        CliRun run = status("--mode", "raw");
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(new ObjectMapper().writeValueAsString(SampleReports.built(1L << 20)), json.toString());
    }

    @Test
    void interactiveNeedsATerminal() {
        CliRun run = status("--mode", "interactive");
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), run.exit());
        assertEquals(List.of("jzrepl: --mode interactive needs a terminal; use --mode dump or --mode raw"),
                List.of(run.errLines()));
    }

    @Test
    void delayOutsideItsRangeIsAUsageError() {
        CliRun run = status("-d", "10ms");
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), run.exit());
        assertTrue(run.errLines()[0].contains("must be between 100ms and 1h"), run.err());
        assertEquals(0, status("--mode", "dump", "-d", "500ms").exit());
    }
}
