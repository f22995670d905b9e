package org.jzrepl.zfs;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.jzrepl.util.LogText;

/**
 * A zfs command failed. Keeps what ran and what zfs said: {@link #stderr()} raw for parsing, the
 * message escaped ({@code LogText}) for logs and peers. Subclasses name the failures a caller can
 * act on (missing dataset, existing dataset, busy, unusable resume token, permission). The
 * generic class means "anything else": treat as permanent.
 */
public class ZfsException extends IOException {

    private final List<String> command;
    private final int exitCode;
    private final String stderr;

    /**
     * @param command  argv after the binary, e.g. {@code [destroy, pool/fs@a]}
     * @param exitCode the process exit code, or -1 when it never ran or was killed
     * @param stderr   what the command wrote to stderr (bounded), possibly empty
     */
    public ZfsException(List<String> command, int exitCode, String stderr) {
        this(command, exitCode, stderr, null);
    }

    public ZfsException(List<String> command, int exitCode, String stderr, Throwable cause) {
        super(describe(command, exitCode, stderr), cause);
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stderr = Objects.requireNonNull(stderr, "stderr");
    }

    private static String describe(List<String> command, int exitCode, String stderr) {
        String what = command.isEmpty() ? "zfs" : "zfs " + command.get(0);
        // what zfs printed may hold names and values it echoes: one escaped line in the message
        String text = LogText.escape(stderr.strip());
        if (text.isEmpty()) {
            text = exitCode < 0 ? "did not complete" : "failed without a message";
        }
        return what + " (exit " + exitCode + "): " + text;
    }

    /** The zfs subcommand, e.g. {@code destroy}. */
    public String verb() {
        return command.isEmpty() ? "" : command.get(0);
    }

    public List<String> command() {
        return command;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The raw stderr text as zfs wrote it. */
    public String stderr() {
        return stderr;
    }
}
