package org.jzrepl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.Callable;
import org.jzrepl.daemon.control.SignalOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jzrepl signal wakeup|reset JOB}: pokes a job of the running daemon. */
@Command(
        name = "signal",
        header = "Wake up or reset a job of the running daemon.",
        description = {
            "wakeup: start the job's next replication now (a pull or push job; with interval: "
                    + "manual the only way it runs). A wakeup during a run starts another run "
                    + "right after it.",
            "",
            "reset: abort the job's current replication, if any.",
            "",
            "Sink and source jobs only serve; signalling them is refused.",
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
    public Integer call() throws Exception {
        JzreplCommand.of(spec).control(StatusCommand.TIMEOUT, new ObjectMapper())
                .signal(job, SignalOp.parse(signal.name()));
        return ExitCode.OK.code();
    }
}
