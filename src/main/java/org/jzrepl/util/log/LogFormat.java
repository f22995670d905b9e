package org.jzrepl.util.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The line formats of zrepl's outlets: {@code human}, {@code logfmt}, {@code json}. Each entry is
 * one line without its newline; an exception's stack follows the human line on lines of its own,
 * and is one escaped {@code error} field in the other two. Context fields (job, subsystem, span,
 * filesystem) appear only when set.
 *
 * <pre>
 * human:  2024-05-01T10:00:00.000Z [INFO][push1][replication][pool/a]: step done
 * logfmt: time=2024-05-01T10:00:00.000Z level=info job=push1 subsystem=replication filesystem=pool/a msg="step done"
 * json:   {"time":"2024-05-01T10:00:00.000Z","level":"info","job":"push1",...,"msg":"step done"}
 * </pre>
 */
public enum LogFormat {
    HUMAN, LOGFMT, JSON;

    /** RFC 3339 with milliseconds, UTC. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);
    private static final String RESET = "\u001b[0m";

    /**
     * Formats {@code e}.
     *
     * @param time  include the timestamp (human only: the other formats always carry it)
     * @param color colour the human level by severity (ANSI)
     */
    public String format(LogEntry e, boolean time, boolean color) {
        return switch (this) {
            case HUMAN -> human(e, time, color);
            case LOGFMT -> logfmt(e);
            case JSON -> json(e);
        };
    }

    private static String human(LogEntry e, boolean time, boolean color) {
        StringBuilder b = new StringBuilder();
        if (time) {
            b.append(TIME.format(e.time())).append(' ');
        }
        b.append('[');
        if (color) {
            b.append(colorOf(e.level())).append(e.level()).append(RESET);
        } else {
            b.append(e.level());
        }
        b.append(']');
        for (String f : new String[] {e.job(), e.subsystem(), e.span(), e.filesystem()}) {
            if (f != null) {
                b.append('[').append(f).append(']');
            }
        }
        b.append(": ").append(e.message());
        if (e.thrown() != null) {
            b.append(System.lineSeparator()).append(stack(e.thrown()).stripTrailing());
        }
        return b.toString();
    }

    private static String colorOf(LogEntry.Level l) {
        return switch (l) {
            case ERROR -> "\u001b[31m";
            case WARN -> "\u001b[33m";
            case INFO -> "\u001b[32m";
            default -> "\u001b[36m";
        };
    }

    private static String logfmt(LogEntry e) {
        StringBuilder b = new StringBuilder();
        b.append("time=").append(TIME.format(e.time())).append(" level=").append(level(e));
        pair(b, "job", e.job());
        pair(b, "subsystem", e.subsystem());
        pair(b, "span", e.span());
        pair(b, "filesystem", e.filesystem());
        pair(b, "msg", e.message());
        if (e.thrown() != null) {
            pair(b, "error", stack(e.thrown()).stripTrailing());
        }
        return b.toString();
    }

    private static void pair(StringBuilder b, String key, String value) {
        if (value == null) {
            return;
        }
        b.append(' ').append(key).append('=');
        boolean plain = !value.isEmpty() && value.chars().allMatch(c -> c > ' ' && c != '"' && c != '=' && c < 127);
        if (plain) {
            b.append(value);
        } else {
            b.append('"');
            escape(b, value);
            b.append('"');
        }
    }

    private static String json(LogEntry e) {
        StringBuilder b = new StringBuilder("{");
        field(b, "time", TIME.format(e.time()));
        field(b, "level", level(e));
        field(b, "job", e.job());
        field(b, "subsystem", e.subsystem());
        field(b, "span", e.span());
        field(b, "filesystem", e.filesystem());
        field(b, "msg", e.message());
        if (e.thrown() != null) {
            field(b, "error", stack(e.thrown()).stripTrailing());
        }
        return b.append('}').toString();
    }

    private static void field(StringBuilder b, String key, String value) {
        if (value == null) {
            return;
        }
        if (b.length() > 1) {
            b.append(',');
        }
        b.append('"').append(key).append("\":\"");
        escape(b, value);
        b.append('"');
    }

    /** JSON string escaping (also valid in a logfmt quoted value): quotes, backslashes, every control character. */
    private static void escape(StringBuilder b, String s) {
        org.jzrepl.util.JsonText.escape(b, s);
    }

    private static String level(LogEntry e) {
        return e.level().name().toLowerCase(Locale.ROOT);
    }

    private static String stack(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
