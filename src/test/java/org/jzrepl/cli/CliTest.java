package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jzrepl.daemon.control.ControlClient;
import picocli.CommandLine;

class CliTest {

    @Test
    void hasEverySubcommandOfTheSpec() {
        CommandLine cmd = JzreplCli.newCommandLine();
        assertEquals(
                new TreeSet<>(Set.of("daemon", "stdinserver", "status", "signal", "prune", "configcheck",
                        "test", "version", "zfs-abstraction", "doctor", "trace", "help")),
                new TreeSet<>(cmd.getSubcommands().keySet()));
        assertEquals(Set.of("filesystems", "snapshot"), cmd.getSubcommands().get("test").getSubcommands().keySet());
        assertEquals(Set.of("list", "release-stale"),
                cmd.getSubcommands().get("zfs-abstraction").getSubcommands().keySet());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "daemon",
        "status",
        "status --mode raw --job pull1",
        "signal wakeup pull1",
        "signal RESET pull1",
        "zfs-abstraction list --type step-hold",
        "zfs-abstraction release-stale -n --job j",
    })
    void subcommandWithoutItsConfigFileExitsTwoWithOneLine(String args) {
        CliRun run = CliRun.of(("--config /nonexistent/jzrepl.yml " + args).split(" "));
        assertAll(
                () -> assertEquals(ExitCode.USAGE_OR_CONFIG.code(), run.exit()),
                () -> assertEquals("", run.out(), "stdout must stay clean"),
                () -> assertEquals(1, run.errLines().length, run.err()),
                () -> assertTrue(run.errLines()[0].startsWith("jzrepl: config file /nonexistent/jzrepl.yml: "),
                        run.errLines()[0]));
    }

    /** A config whose control socket nobody listens on: {@code status} fails with exit 4. */
    static String configWithoutDaemon() throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jzrepl-cli");
        dir.toFile().deleteOnExit();
        java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("jzrepl.yml"),
                "global:\n  control: {sockpath: " + dir.resolve("control") + "}\njobs: []\n");
        f.toFile().deleteOnExit();
        return f.toString();
    }

    @Test
    void unreachableDaemonExitsFourWithOneLine() throws Exception {
        CliRun run = CliRun.of("-c", configWithoutDaemon(), "status", "--mode", "raw");
        assertEquals(ExitCode.DAEMON_UNREACHABLE.code(), run.exit());
        assertEquals("", run.out());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.errLines()[0].startsWith("jzrepl: cannot reach the jzrepl daemon at control socket "),
                run.err());
    }

    @Test
    void debugAfterSubcommandAddsStackTrace() throws Exception {
        CliRun run = CliRun.of("-c", configWithoutDaemon(), "status", "--mode", "raw", "--debug");
        assertEquals(ExitCode.DAEMON_UNREACHABLE.code(), run.exit());
        assertTrue(run.errLines().length > 2, run.err());
        assertTrue(run.errLines()[0].startsWith("jzrepl: cannot reach the jzrepl daemon"), run.err());
        assertTrue(run.errLines()[1].startsWith(ControlClient.DaemonUnreachableException.class.getName()), run.err());
        assertTrue(run.err().contains("\tat org.jzrepl.cli.StatusCommand.call("), run.err());
    }

    @Test
    void debugBeforeSubcommandAddsStackTrace() throws Exception {
        CliRun run = CliRun.of("--debug", "-c", configWithoutDaemon(), "status", "--mode", "raw");
        assertEquals(ExitCode.DAEMON_UNREACHABLE.code(), run.exit());
        assertTrue(run.err().contains("\tat org.jzrepl.cli.StatusCommand.call("), run.err());
    }

    @Test
    void unknownOptionIsUsageErrorWithHint() {
        CliRun run = CliRun.of("status", "--frobnicate");
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), run.exit());
        assertEquals("", run.out());
        assertEquals("jzrepl: Unknown option: '--frobnicate'", run.errLines()[0]);
        assertEquals("Try 'jzrepl status --help' for more information.",
                run.errLines()[run.errLines().length - 1]);
    }

    @Test
    void mistypedSubcommandSuggestsTheRightOne() {
        CliRun run = CliRun.of("stauts");
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), run.exit());
        assertTrue(run.err().contains("Did you mean: jzrepl status"), run.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                               | Missing subcommand",
        "test                                             | Missing subcommand",
        "zfs-abstraction                                  | Missing subcommand",
        "stdinserver                                      | Missing required parameter: 'IDENT'",
        "signal wakeup                                    | Missing required parameter: 'JOB'",
        "signal sleep pull1                               | expected one of [wakeup, reset]",
        "test filesystems --all                           | Missing required option: '--job=JOB'",
        "test filesystems --job j                         | (--all | --input=FS)",
        "test filesystems --job j --all --input pool/a    | mutually exclusive",
        "zfs-abstraction list --type step-hold,bogus      | 'bogus' is not one of",
        "configcheck --format xml                         | expected one of [yaml, json]",
    })
    void badArgumentsAreUsageErrors(String args, String expectedInMessage) {
        CliRun run = CliRun.of(args.isEmpty() ? new String[0] : args.split(" "));
        assertAll(
                () -> assertEquals(ExitCode.USAGE_OR_CONFIG.code(), run.exit()),
                () -> assertEquals("", run.out()),
                () -> assertTrue(run.errLines()[0].startsWith("jzrepl: "), run.err()),
                () -> assertTrue(run.errLines()[0].contains(expectedInMessage), run.err()),
                () -> assertTrue(run.err().contains("--help' for more information."), run.err()));
    }

    @Test
    void versionPrintsBuildVersionJavaAndOs() {
        CliRun run = CliRun.of("version");
        assertEquals(0, run.exit());
        String[] lines = run.out().split("\\R");
        assertEquals(3, lines.length, run.out());
        assertTrue(lines[0].matches("jzrepl \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), lines[0]);
        assertNotEquals("unknown", VersionInfo.jzreplVersion());
        assertTrue(lines[1].startsWith("Java " + Runtime.version().feature()), lines[1]);
        assertTrue(lines[2].startsWith("OS " + System.getProperty("os.name")), lines[2]);
        assertEquals("", run.err());
    }

    @Test
    void versionOptionPrintsTheSameAsVersionSubcommand() {
        assertEquals(CliRun.of("version").out(), CliRun.of("--version").out());
        assertEquals(0, CliRun.of("-V").exit());
    }

    @Test
    void helpListsSubcommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exit());
        for (String name : new String[] {"daemon", "stdinserver", "configcheck", "zfs-abstraction"}) {
            assertTrue(run.out().contains("  " + name + " "), name);
        }
        for (ExitCode c : ExitCode.values()) {
            assertTrue(run.out().contains(c.code() + "   " + c.description().substring(0, Math.min(8, c.description().length()))), c.name());
        }
    }

    @Test
    void everySubcommandHasHelp() {
        assertEquals(0, CliRun.of("signal", "--help").exit());
        assertTrue(CliRun.of("test", "filesystems", "-h").out().startsWith(
                "Show which filesystems a job's filesystems filter selects."));
        assertTrue(CliRun.of("help", "zfs-abstraction").out().contains("release-stale"));
    }
}
