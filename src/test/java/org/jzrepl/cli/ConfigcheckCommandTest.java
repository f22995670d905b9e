package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI side of configcheck: file checks, output and exit codes, on the config package's
 * sample files. The round trips of every sample are tested in the config package.
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

    static final Path SAMPLES = Path.of("src", "test", "resources", "config");

    @Test
    void validConfigIsPrintedNormalizedAsYamlByDefault() {
        String file = SAMPLES.resolve("valid/pull_ssh.yml").toString();
        CliRun plain = CliRun.of("configcheck", "-c", file);
        assertEquals(new CliRun(0, CliRun.of("configcheck", "--format", "yaml", "-c", file).out(), ""), plain);
        assertTrue(plain.out().contains("sockdir"), "defaults filled in: " + plain.out());
    }

    @Test
    void quietOnlyChecks() {
        CliRun run = CliRun.of("configcheck", "-q", "-c", SAMPLES.resolve("valid/pull_ssh.yml").toString());
        assertEquals(new CliRun(0, "", ""), run);
    }

    @Test
    void formatYamlPrintsANormalizedConfigThatChecksAgainToTheSameText() throws IOException {
        CliRun first = CliRun.of("configcheck", "--format", "yaml", "-c",
                SAMPLES.resolve("valid/pull_ssh.yml").toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("jobs"), first.out());
        Path normalized = Files.writeString(dir.resolve("normalized.yml"), first.out());
        CliRun second = CliRun.of("configcheck", "--format", "YAML", "-c", normalized.toString());
        assertEquals(new CliRun(0, first.out(), ""), second);
    }

    @Test
    void formatJsonPrintsJson() throws IOException {
        CliRun run = CliRun.of("configcheck", "--format", "json", "-c",
                SAMPLES.resolve("valid/pull_ssh.yml").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(new ObjectMapper().readTree(run.out()).path("jobs").isArray(), run.out());
    }

    @Test
    void invalidConfigPrintsEveryLocatedErrorThenASummaryAndExitsTwo() throws IOException {
        Path sample = SAMPLES.resolve("invalid/bad_filter_pattern.yml");
        List<String> expected = Files.readAllLines(SAMPLES.resolve("invalid/bad_filter_pattern.expected"));
        CliRun run = CliRun.of("configcheck", "--format", "yaml", "-c", sample.toString());
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), run.exit());
        assertEquals("", run.out(), "nothing printed for an invalid config");
        List<String> lines = List.of(run.errLines());
        assertEquals(expected.size() + 1, lines.size(), run.err());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(sample.getParent() + "/" + expected.get(i), lines.get(i));
        }
        assertEquals("jzrepl: config invalid: " + expected.size() + " errors", lines.get(expected.size()));
    }

    @Test
    void defaultConfigPathIsEtcJzrepl() {
        assertEquals(Path.of("/etc/jzrepl/jzrepl.yml"),
                ((JzreplCommand) JzreplCli.newCommandLine().parseArgs("configcheck").asCommandLineList()
                        .get(0).getCommand()).config());
    }
}
