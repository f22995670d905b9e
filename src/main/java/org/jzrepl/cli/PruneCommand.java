package org.jzrepl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jzrepl prune --dry-run [--job J] [--fs F] [--json]}: what pruning would do now. */
@Command(
        name = "prune",
        header = "Show what pruning would destroy and keep, and why (dry run).",
        description = {
            "Asks the running daemon over its control socket to plan the pruning of each pull, push "
                    + "and snap job (or of --job only) with the same code its runs execute, and "
                    + "destroys nothing. For each job, side (sender, receiver, or local for snap jobs) "
                    + "and filesystem it prints what would be destroyed, which keep rule keeps each "
                    + "kept snapshot, and what is protected whatever the rules say and why (a "
                    + "replication cursor and whose, a client's incremental base, the receiver's "
                    + "newest snapshot, a partial receive). Filesystems that are not pruned say why.",
            "",
            "Only --dry-run is accepted: pruning itself runs as part of each job's run "
                    + "(jzrepl signal wakeup JOB).",
        })
public final class PruneCommand implements Callable<Integer> {

    /** Listing both sides of each job may take a while over ssh. */
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Spec
    private CommandSpec spec;

    @Option(names = "--dry-run", required = true, description = "Plan only, destroy nothing (required).")
    private boolean dryRun;

    @Option(names = "--job", paramLabel = "JOB", description = "Only this job.")
    private String job;

    @Option(names = "--fs", paramLabel = "FS", description = "Only this filesystem (its name on the side pruned;"
            + " on a receiver, the sender's name).")
    private String fs;

    @Option(names = "--json", description = "Print the daemon's JSON answer instead of text.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (!dryRun) {
            throw new InvalidInputException("only prune --dry-run is supported: pruning runs as part of each job's run");
        }
        ObjectMapper mapper = new ObjectMapper();
        JsonNode answer = JzreplCommand.of(spec).control(TIMEOUT, mapper).pruneDryRun(job, fs);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? mapper.writerWithDefaultPrettyPrinter().writeValueAsString(answer) + "\n"
                : PrunePlanText.render(answer));
        out.flush();
        return ExitCode.OK.code();
    }
}
