package org.jzrepl.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jzrepl version}: this program's version, its Java runtime and the OS. */
@Command(
        name = "version",
        header = "Print the jzrepl version, the Java runtime and the OS.",
        description = "Same as --version. Include its output in bug reports.")
public final class VersionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : VersionInfo.lines()) {
            out.println(line);
        }
        out.flush();
        return ExitCode.OK.code();
    }
}
