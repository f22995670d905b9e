package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code test filesystems --input} against the config package's sample source job. */
class TestFilesystemsCommandTest {

    static final String SOURCE = ConfigcheckCommandTest.SAMPLES.resolve("valid/source_stdinserver.yml").toString();
    static final String PULL = ConfigcheckCommandTest.SAMPLES.resolve("valid/pull_ssh.yml").toString();

    @ParameterizedTest
    @CsvSource({
        "system,           include",
        "system/var,       include",
        "system/var/tmp,   exclude",
        "system/var/tmp/x, include",
        "data,             exclude",
        "systemd,          exclude",
    })
    void printsTheFiltersVerdictForOneDataset(String dataset, String verdict) {
        CliRun run = CliRun.of("test", "filesystems", "-c", SOURCE, "--job", "pull_source", "--input", dataset);
        assertEquals(new CliRun(0, verdict + "\t" + dataset + System.lineSeparator(), ""), run);
    }

    @Test
    void unknownJobIsInvalidInputListingTheJobs() {
        CliRun run = CliRun.of("test", "filesystems", "-c", SOURCE, "--job", "nope", "--input", "system");
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), run.exit());
        assertEquals("jzrepl: no job named 'nope' in " + SOURCE + " (jobs: pull_source)", run.errLines()[0]);
        assertEquals("", run.out());
    }

    @Test
    void jobWithoutFilterIsInvalidInput() {
        CliRun run = CliRun.of("test", "filesystems", "-c", PULL, "--job", "pull_servers", "--input", "system");
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), run.exit());
        assertTrue(run.errLines()[0].startsWith("jzrepl: job 'pull_servers' is a pull job: it has no filesystems filter"),
                run.err());
    }

    @Test
    void invalidDatasetNameIsInvalidInput() {
        CliRun run = CliRun.of("test", "filesystems", "-c", SOURCE, "--job", "pull_source", "--input", "system/a@b");
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), run.exit());
        assertTrue(run.errLines()[0].startsWith("jzrepl: --input 'system/a@b': "), run.err());
    }
}
