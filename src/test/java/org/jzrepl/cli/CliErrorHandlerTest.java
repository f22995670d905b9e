package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.jzrepl.config.ConfigError;
import org.jzrepl.config.ConfigException;
import org.jzrepl.daemon.control.ControlClient;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliErrorHandlerTest {

    @Test
    void mapsEachKindOfFailureToItsExitCode() {
        assertEquals(ExitCode.USAGE_OR_CONFIG, CliErrorHandler.exitCodeFor(new ConfigException(List.of())));
        assertEquals(ExitCode.USAGE_OR_CONFIG, CliErrorHandler.exitCodeFor(
                new CommandLine.ParameterException(JzreplCli.newCommandLine(), "bad")));
        assertEquals(ExitCode.NOT_BUILT, CliErrorHandler.exitCodeFor(new UnsupportedOperationException("x")));
        assertEquals(ExitCode.DAEMON_UNREACHABLE, CliErrorHandler.exitCodeFor(
                new ControlClient.DaemonUnreachableException(Path.of("/run/jzrepl/control"),
                        new IOException("Connection refused"))));
        assertEquals(ExitCode.FAILURE, CliErrorHandler.exitCodeFor(new IOException("disk on fire")));
        assertEquals(ExitCode.FAILURE, CliErrorHandler.exitCodeFor(new IllegalStateException()));
    }

    @Test
    void configExceptionPrintsEveryErrorOnItsOwnLine() {
        ConfigException ex = new ConfigException(List.of(
                new ConfigError("/etc/jzrepl/jzrepl.yml", 3, 5, "jobs[0].name", "missing"),
                new ConfigError("/etc/jzrepl/jzrepl.yml", 9, 7, "jobs[1].type", "unknown type 'puhs'")));
        StringWriter err = new StringWriter();
        int exit = handle(ex, err);
        assertEquals(2, exit);
        assertArrayEquals(new String[] {
            "/etc/jzrepl/jzrepl.yml:3:5: jobs[0].name: missing",
            "/etc/jzrepl/jzrepl.yml:9:7: jobs[1].type: unknown type 'puhs'",
            "jzrepl: config invalid: 2 errors",
        }, err.toString().split("\\R"));
    }

    @Test
    void otherFailuresPrintOneLineWithTheirCause() {
        StringWriter err = new StringWriter();
        int exit = handle(new UncheckedIOException("cannot open /dev/zfs", new IOException("Permission denied")), err);
        assertEquals(1, exit);
        assertEquals("jzrepl: cannot open /dev/zfs: Permission denied" + System.lineSeparator(), err.toString());
    }

    @Test
    void exceptionWithoutMessageIsNamedByItsType() {
        StringWriter err = new StringWriter();
        handle(new IllegalStateException(), err);
        assertEquals("jzrepl: IllegalStateException" + System.lineSeparator(), err.toString());
    }

    private static int handle(Exception ex, StringWriter err) {
        CommandLine cmd = JzreplCli.newCommandLine();
        cmd.setErr(new PrintWriter(err, true));
        return new CliErrorHandler().handleExecutionException(ex, cmd, cmd.parseArgs());
    }
}
