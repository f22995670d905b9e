package org.jzrepl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jzrepl.config.ByteSize;
import org.jzrepl.daemon.control.ControlClient;
import org.jzrepl.util.trace.Tracing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jzrepl trace start [--force] [--max-size SIZE] FILE | stop}: the running daemon's trace file. */
@Command(
        name = "trace",
        header = "Record the running daemon's tasks and spans to a Chrome trace file.",
        description = {
            "start FILE: the daemon writes every task and span that ends from now on to FILE "
                    + "(trace-event JSON, created with mode 0600 by the daemon; an existing file is "
                    + "refused unless --force), until stop, its size cap, or the daemon stops.",
            "",
            "stop: closes the file (valid JSON) and prints what it holds.",
            "",
            "Open the file in https://ui.perfetto.dev or chrome://tracing. The environment "
                    + "variable JZREPL_TRACE_FILE does the same from the daemon's start.",
        },
        subcommands = {TraceCommand.Start.class, TraceCommand.Stop.class})
public final class TraceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
    }

    static ControlClient client(CommandSpec spec) throws Exception {
        return JzreplCommand.of(spec).control(StatusCommand.TIMEOUT, new ObjectMapper());
    }

    static String describe(JsonNode s) {
        return s.path("path").asText() + ": " + s.path("bytes").asLong() + " bytes, " + s.path("events").asLong()
                + " events" + (s.path("capped").asBoolean() ? " (closed early at its size cap)" : "");
    }

    /** {@code trace start}. */
    @Command(name = "start", header = "Start writing the daemon's trace file.")
    static final class Start implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The trace file, created by the daemon"
                + " (a relative path is taken from the current directory).")
        private Path file;

        @Option(names = "--force", description = "Replace FILE if it exists (a regular file only).")
        private boolean force;

        @Option(names = "--max-size", paramLabel = "SIZE", defaultValue = "256 MiB",
                description = "Close the file before it grows past SIZE (default: ${DEFAULT-VALUE}; e.g. 64 MiB).")
        private String maxSize;

        @Override
        public Integer call() throws Exception {
            long max;
            try {
                ByteSize size = ByteSize.parse(maxSize);
                max = (long) size.bytes();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--max-size: " + e.getMessage());
            }
            if (max < Tracing.MIN_MAX_BYTES) {
                throw new ParameterException(spec.commandLine(), "--max-size must be at least "
                        + Tracing.MIN_MAX_BYTES + " B");
            }
            JsonNode s = client(spec).traceStart(file.toAbsolutePath().normalize(), force, max);
            spec.commandLine().getOut().println("tracing to " + s.path("path").asText() + " (stop with: jzrepl trace stop)");
            return ExitCode.OK.code();
        }
    }

    /** {@code trace stop}. */
    @Command(name = "stop", header = "Stop the daemon's trace file and close it.")
    static final class Stop implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            JsonNode s = client(spec).traceStop();
            spec.commandLine().getOut().println(s.has("path") ? "trace stopped: " + describe(s) : "no trace was running");
            return ExitCode.OK.code();
        }
    }
}
