package org.jzrepl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jzrepl.config.ConfigException;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.JobConfig;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.ZfsException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jzrepl test filesystems}: which datasets a job's filesystems filter selects. */
@Command(
        name = "filesystems",
        header = "Show which filesystems a job's filesystems filter selects.",
        description = {
            "Applies the filesystems filter of a push, source or snap job to every filesystem "
                    + "and volume of this host (--all, runs zfs list) or to one dataset name "
                    + "(--input, which need not exist) and prints one line per dataset: "
                    + "include or exclude, a tab, the dataset name. Changes nothing.",
        })
final class TestFilesystemsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--job", paramLabel = "JOB", required = true,
            description = "The job whose filter to apply.")
    private String job;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Input input;

    /** Exactly one of the two inputs. */
    static final class Input {
        @Option(names = "--all", required = true,
                description = "Test every filesystem and volume of this host (zfs from PATH).")
        boolean all;

        @Option(names = "--input", paramLabel = "FS", required = true,
                description = "Test this one dataset name; it need not exist.")
        String filesystem;
    }

    @Override
    public Integer call() throws ConfigException, ZfsException {
        Path file = ConfigFileException.requireReadable(JzreplCommand.of(spec).config());
        JzreplConfig config = ConfigLoader.load(file);
        FilesystemFilter filter = filterOf(config, file);
        List<DatasetPath> datasets = input.all ? allDatasets() : List.of(parse(input.filesystem));
        PrintWriter out = spec.commandLine().getOut();
        for (DatasetPath d : datasets) {
            out.println((filter.matches(d) ? "include" : "exclude") + "\t" + d.name());
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private FilesystemFilter filterOf(JzreplConfig config, Path file) {
        JobConfig j = config.job(job).orElseThrow(() -> new InvalidInputException(
                "no job named '" + job + "' in " + file + " (jobs: "
                        + config.jobs().stream().map(JobConfig::name).collect(Collectors.joining(", "))
                        + ")"));
        if (j instanceof JobConfig.Push p) {
            return p.filesystems();
        } else if (j instanceof JobConfig.Source s) {
            return s.filesystems();
        } else if (j instanceof JobConfig.Snap s) {
            return s.filesystems();
        }
        throw new InvalidInputException("job '" + job + "' is a " + j.type()
                + " job: it has no filesystems filter (the sending side's job decides what is sent)");
    }

    private static DatasetPath parse(String name) {
        try {
            return DatasetPath.parse(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--input '" + name + "': " + e.getMessage());
        }
    }

    private static List<DatasetPath> allDatasets() throws ZfsException {
        return org.jzrepl.daemon.ZfsBinary.cli().listAll().stream().map(DatasetInfo::path).toList();
    }
}
