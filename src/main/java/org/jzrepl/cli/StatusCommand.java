package org.jzrepl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.daemon.control.ControlClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jzrepl status}: the running daemon's job report. */
@Command(
        name = "status",
        header = "Show what the running daemon's jobs are doing.",
        description = {
            "Asks the daemon over its control socket (global.control.sockpath) for the state of "
                    + "every job and prints it as JSON: per pull/push job its state, runs and the "
                    + "current and last replication attempt (filesystems, steps, bytes, rate); per "
                    + "sink/source job its sockets and connections served.",
        })
public final class StatusCommand implements Callable<Integer> {

    /** How the report is printed. */
    enum Mode { dump, raw }

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "raw",
            description = "raw: the daemon's JSON report, indented; dump: a human-readable report "
                    + "(not built yet) (default: ${DEFAULT-VALUE}).")
    private Mode mode;

    @Option(names = "--job", paramLabel = "JOB", description = "Show only this job.")
    private String job;

    @Override
    public Integer call() throws Exception {
        if (mode == Mode.dump) {
            throw new NotBuiltException("status --mode dump");
        }
        Path file = ConfigFileException.requireReadable(JzreplCommand.of(spec).config());
        ObjectMapper json = new ObjectMapper();
        JsonNode report = new ControlClient(ConfigLoader.load(file).global().controlSockpath(), TIMEOUT, json)
                .status();
        if (job != null) {
            report = onlyJob(report, job);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        out.flush();
        return ExitCode.OK.code();
    }

    private static JsonNode onlyJob(JsonNode report, String name) {
        ArrayNode kept = ((ObjectNode) report).arrayNode();
        for (JsonNode j : report.path("jobs")) {
            if (name.equals(j.path("name").asText())) {
                kept.add(j);
            }
        }
        if (kept.isEmpty()) {
            throw new InvalidInputException("the daemon runs no job named '" + name + "'");
        }
        return ((ObjectNode) report.deepCopy()).set("jobs", kept);
    }
}
