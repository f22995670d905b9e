package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.JobConfig;
import org.jzrepl.config.JzreplConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package's /etc/jzrepl/jzrepl.yml: as shipped it starts a daemon with no jobs, and every
 * commented example below {@code jobs:} is a job configcheck accepts once uncommented the way the
 * file's header tells a user to (the first {@code #} of each of its lines removed).
 */
class ShippedConfigTest {

    static final Path SHIPPED = Path.of("packaging", "deb", "jzrepl.yml");
    /** An example's YAML line: a {@code #} and then the line at its indentation (two spaces or more). */
    static final Pattern EXAMPLE_LINE = Pattern.compile("^#( {2,}\\S.*)$");

    @TempDir
    Path dir;

    @Test
    void asShippedTheConfigIsValidAndHasNoJobs() throws Exception {
        CliRun run = CliRun.of("configcheck", "-c", SHIPPED.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertEquals(List.of(), ConfigLoader.load(SHIPPED).jobs());
    }

    @Test
    void everyExampleJobTypeIsValidOnceUncommented() throws Exception {
        Path file = dir.resolve("jzrepl.yml");
        Files.writeString(file, uncommentExamples(Files.readString(SHIPPED)));

        CliRun run = CliRun.of("configcheck", "-q", "-c", file.toString());

        assertEquals(0, run.exit(), run.err() + "\n" + Files.readString(file));
        JzreplConfig config = ConfigLoader.load(file);
        assertEquals(List.of("backup_source", "pull_app1", "push_to_backup", "sink", "local_home_snapshots"),
                config.jobs().stream().map(JobConfig::name).toList());
        assertInstanceOf(JobConfig.Source.class, config.job("backup_source").orElseThrow());
        assertInstanceOf(JobConfig.Pull.class, config.job("pull_app1").orElseThrow());
        assertInstanceOf(JobConfig.Push.class, config.job("push_to_backup").orElseThrow());
        assertInstanceOf(JobConfig.Sink.class, config.job("sink").orElseThrow());
        assertInstanceOf(JobConfig.Snap.class, config.job("local_home_snapshots").orElseThrow());
    }

    @Test
    void eachExampleAloneIsValidToo() throws Exception {
        String shipped = Files.readString(SHIPPED);
        List<String> blocks = exampleBlocks(shipped);
        assertEquals(5, blocks.size(), "one example per job type");
        String head = shipped.substring(0, shipped.indexOf("\njobs:\n") + "\njobs:\n".length());
        for (String block : blocks) {
            Path file = dir.resolve("one.yml");
            Files.writeString(file, head + uncommentExamples(block));
            CliRun run = CliRun.of("configcheck", "-q", "-c", file.toString());
            assertEquals(0, run.exit(), run.err() + "\n" + block);
            assertEquals(1, ConfigLoader.load(file).jobs().size(), block);
        }
    }

    /** The user's edit: below {@code jobs:}, every example line loses its first {@code #}. */
    static String uncommentExamples(String text) {
        int jobs = text.indexOf("\njobs:\n");
        int from = jobs < 0 ? 0 : jobs;
        StringBuilder out = new StringBuilder(text.substring(0, from));
        for (String line : text.substring(from).split("\n", -1)) {
            Matcher m = EXAMPLE_LINE.matcher(line);
            out.append(m.matches() ? m.group(1) : line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** The commented jobs below {@code jobs:}, each from its {@code #  - name:} line on. */
    static List<String> exampleBlocks(String text) {
        String examples = text.substring(text.indexOf("\njobs:\n"));
        String[] parts = examples.split("(?m)^(?=#  - name: )");
        return List.of(parts).subList(1, parts.length);
    }
}
