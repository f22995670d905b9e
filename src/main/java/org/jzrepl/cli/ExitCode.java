package org.jzrepl.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every exit status of the {@code jzrepl} command, in one place. The usage help and the man
 * pages list them from here ({@link #usageList()}), and {@link CliErrorHandler} is the only code
 * that turns an exception into one of them.
 */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0, "Success."),
    /** The command ran and failed: an I/O, ZFS or protocol error, or a bug. */
    FAILURE(1, "Runtime failure (I/O, ZFS, protocol); the message says what failed."),
    /** The command line or the config file is wrong; nothing was done. */
    USAGE_OR_CONFIG(2, "Invalid command line or invalid/unreadable config file; nothing was done."),
    /** This build of jzrepl cannot do what was asked (yet). */
    NOT_BUILT(3, "Not supported: the subcommand or feature is not built in this version."),
    /** The command needs the running daemon and could not reach its control socket. */
    DAEMON_UNREACHABLE(4, "The jzrepl daemon could not be reached on its control socket.");

    private final int code;
    private final String description;

    ExitCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The "Exit Codes:" section of the usage help and the man pages, keyed by padded status. */
    public static Map<String, String> usageList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode c : values()) {
            list.put(String.format("%3d", c.code), c.description);
        }
        return list;
    }
}
