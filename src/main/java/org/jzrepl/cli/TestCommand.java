package org.jzrepl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jzrepl test ...}: dry checks of parts of the config against this host. */
@Command(
        name = "test",
        header = "Try parts of the config against this host without changing anything.",
        subcommands = {TestFilesystemsCommand.class, TestSnapshotCommand.class})
public final class TestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
