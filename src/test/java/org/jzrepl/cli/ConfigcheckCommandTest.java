package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI side of configcheck: file checks and exit codes. Loading and rendering real configs
 * (the round trips) are tested in the config package.
 */
class ConfigcheckCommandTest {

    @TempDir
    Path dir;

    @Test
    void missingConfigFileIsConfigErrorNamingTheFile() {
        Path missing = dir.resolve("nope.yml");
        CliRun run = CliRun.of("configcheck", "--config", missing.toString());
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), run.exit());
        assertEquals("", run.out());
        assertEquals(1, run.errLines().length, run.err());
        assertEquals("jzrepl: config file " + missing + ": not found (use --config FILE to name another)",
                run.errLines()[0]);
    }

    @Test
    void configOptionWorksBeforeTheSubcommandToo() {
        Path missing = dir.resolve("other.yml");
        CliRun run = CliRun.of("-c", missing.toString(), "configcheck", "--format", "json");
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), run.exit());
        assertTrue(run.err().contains(missing.toString()), run.err());
    }

    @Test
    void directoryAsConfigFileIsConfigError() {
        CliRun run = CliRun.of("configcheck", "-c", dir.toString());
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), run.exit());
        assertTrue(run.errLines()[0].endsWith(dir + ": is a directory (use --config FILE to name another)"),
                run.err());
    }

    @Test
    void defaultConfigPathIsEtcJzrepl() {
        assertEquals(Path.of("/etc/jzrepl/jzrepl.yml"),
                ((JzreplCommand) Main.newCommandLine().parseArgs("configcheck").asCommandLineList()
                        .get(0).getCommand()).config());
    }
}
