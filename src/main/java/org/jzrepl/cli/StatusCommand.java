package org.jzrepl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jzrepl.cli.status.StatusDump;
import org.jzrepl.cli.status.StatusScreen;
import org.jzrepl.cli.status.StatusSource;
import org.jzrepl.config.Durations;
import org.jzrepl.daemon.control.ControlClient;
import org.jzrepl.daemon.control.SignalOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jzrepl status}: the running daemon's job report, on a live screen, as text or as JSON. */
@Command(
        name = "status",
        header = "Show what the running daemon's jobs are doing.",
        description = {
            "Asks the daemon over its control socket (global.control.sockpath) for the state of "
                    + "every job. On a terminal it shows a live screen, refreshed every --delay: per "
                    + "pull/push/snap job its state, current phase (snapshotting, replication, pruning "
                    + "sender, pruning receiver) and next run; per filesystem its state, the current step "
                    + "(from -> to), a progress bar with bytes sent and expected, the rate (smoothed; none "
                    + "after 5 s without progress) and ETA, whether the step resumes a partial "
                    + "receive, the parent it waits for and its last error; the snapshotter and the "
                    + "pruners. Per sink/source job its listeners, connections and clients.",
            "",
            "Keys: q quit, n or Tab next job, / filter filesystems (type, Enter keeps, Esc clears), "
                    + "w wakeup and r reset of the selected job (each asks y/n), arrows and PgUp/PgDn "
                    + "scroll.",
            "",
            "When standard output is not a terminal it prints one plain-text report (--mode dump) "
                    + "with a note on standard error; --mode raw prints the daemon's JSON.",
        })
public final class StatusCommand implements Callable<Integer> {

    /** How the report is shown. */
    enum Mode { interactive, dump, raw }

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String NOT_A_TERMINAL = "jzrepl status: not a terminal, printing one plain-text report "
            + "(--mode raw for JSON)";

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            description = "interactive: the live screen (the default on a terminal); dump: one plain-text "
                    + "report (the default otherwise); raw: the daemon's JSON report, indented.")
    private Mode mode;

    @Option(
            names = {"-d", "--delay"},
            paramLabel = "DURATION",
            defaultValue = "1s",
            converter = DelayConverter.class,
            description = "How often the live screen fetches a new report, e.g. 1s, 500ms, 5s "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration delay;

    @Option(names = "--job", paramLabel = "JOB", description = "Show only this job.")
    private String job;

    /** {@code --delay}: zrepl's or Go's duration form, between 100 ms and 1 h. */
    static final class DelayConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = Durations.parseFlexiblePositive(value);
            if (d.compareTo(Duration.ofMillis(100)) < 0 || d.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("must be between 100ms and 1h, got '" + value + "'");
            }
            return d;
        }
    }

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ControlClient client = JzreplCommand.of(spec).control(TIMEOUT, json);
        PrintWriter out = spec.commandLine().getOut();
        Mode m = mode;
        if (m == null) {
            m = System.console() != null ? Mode.interactive : Mode.dump;
            if (m == Mode.dump) {
                spec.commandLine().getErr().println(NOT_A_TERMINAL);
                spec.commandLine().getErr().flush();
            }
        }
        if (m == Mode.interactive) {
            return interactive(client);
        }
        JsonNode report = client.status();
        if (job != null) {
            report = onlyJob(report, job);
        }
        if (m == Mode.raw) {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            StatusDump.lines(report, Clock.systemDefaultZone().instant(), Clock.systemDefaultZone().getZone())
                    .forEach(out::println);
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private int interactive(ControlClient client) throws IOException {
        if (System.console() == null) {
            throw new InvalidInputException("--mode interactive needs a terminal; use --mode dump or --mode raw");
        }
        StatusSource source = new StatusSource() {
            @Override
            public JsonNode status() throws IOException {
                return job == null ? client.status() : onlyJob(client.status(), job);
            }

            @Override
            public void signal(String name, SignalOp op) throws IOException {
                client.signal(name, op);
            }
        };
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(false).build()) {
            new StatusScreen(source, delay, Clock.systemDefaultZone()).run(terminal);
        }
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
