package org.jzrepl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jzrepl signal wakeup|reset JOB}: pokes a job of the running daemon. Not built yet. */
@Command(
        name = "signal",
        header = "Wake up or reset a job of the running daemon.",
        description = {
            "wakeup: start the job's next run now (replication of a pull or push job, or "
                    + "snapshotting of a job with manual snapshotting).",
            "",
            "reset: abort the job's current run.",
        })
public final class SignalCommand implements Callable<Integer> {

    /** What to tell the job. */
    enum Signal { wakeup, reset }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SIGNAL", description = "wakeup or reset.")
    private Signal signal;

    @Parameters(index = "1", paramLabel = "JOB", description = "The job's name in the config.")
    private String job;

    @Override
    public Integer call() {
        throw new NotBuiltException(spec);
    }
}
