package org.jzrepl.util.log;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The {@code stdout} outlet: one line per entry on a stream (looked up at every write, so a test or
 * the launcher may swap it), with or without time and colour. Under systemd ({@code JOURNAL_STREAM}
 * set) the human format leaves the time to the journal.
 */
public final class StreamOutlet implements LogOutlet {
    private final Supplier<PrintStream> stream;
    private final LogEntry.Level level;
    private final LogFormat format;
    private final boolean time;
    private final boolean color;

    public StreamOutlet(Supplier<PrintStream> stream, LogEntry.Level level, LogFormat format, boolean time,
                        boolean color) {
        this.stream = stream;
        this.level = level;
        this.format = format;
        this.time = time;
        this.color = color;
    }

    /** {@code time} unless the journal stamps the lines itself ({@code JOURNAL_STREAM} is set). */
    public static boolean timeUnlessJournal(boolean time, java.util.Map<String, String> env) {
        String journal = env.get("JOURNAL_STREAM");
        return time && (journal == null || journal.isEmpty());
    }

    @Override
    public LogEntry.Level level() {
        return level;
    }

    @Override
    public void write(LogEntry e) {
        String line = format.format(e, time, color);
        PrintStream s = stream.get();
        synchronized (s) {
            s.println(line);
            s.flush();
        }
    }
}
