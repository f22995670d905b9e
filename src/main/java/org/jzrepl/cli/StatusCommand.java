package org.jzrepl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jzrepl status}: the running daemon's job report. Not built yet. */
@Command(
        name = "status",
        header = "Show what the running daemon's jobs are doing.",
        description = {
            "Asks the daemon over its control socket for the state of every job: replication "
                    + "attempts per filesystem and step, pruning, snapshotting and hook results.",
        })
public final class StatusCommand implements Callable<Integer> {

    /** How the report is printed. */
    enum Mode { dump, raw }

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "dump",
            description = "dump: a human-readable report; raw: the daemon's JSON as is "
                    + "(default: ${DEFAULT-VALUE}).")
    private Mode mode;

    @Option(names = "--job", paramLabel = "JOB", description = "Show only this job.")
    private String job;

    @Override
    public Integer call() {
        throw new NotBuiltException(spec);
    }
}
