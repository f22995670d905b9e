package org.jzrepl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jzrepl test ...}: dry checks of parts of the config against this host. */
@Command(
        name = "test",
        header = "Try parts of the config against this host without changing anything.",
        subcommands = TestCommand.Filesystems.class)
public final class TestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** {@code jzrepl test filesystems}: which datasets a job's filter selects. Not built yet. */
    @Command(
            name = "filesystems",
            header = "Show which filesystems a job's filesystems filter selects.",
            description = {
                "Applies the filesystems filter of the job to the datasets of this host (--all) "
                        + "or to one dataset name (--input) and prints, for each, whether it is "
                        + "included and which filter entry decided.",
            })
    static final class Filesystems implements Callable<Integer> {

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
                    description = "Test every filesystem of this host (zfs list).")
            boolean all;

            @Option(names = "--input", paramLabel = "FS", required = true,
                    description = "Test this one dataset name; it need not exist.")
            String filesystem;
        }

        @Override
        public Integer call() {
            throw new NotBuiltException(spec);
        }
    }
}
