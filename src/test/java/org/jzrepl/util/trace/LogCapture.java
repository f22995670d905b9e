package org.jzrepl.util.trace;

import java.util.ArrayList;
import java.util.List;
import org.jzrepl.util.log.LogEntry;
import org.jzrepl.util.log.LogOutlet;
import org.jzrepl.util.log.Logging;

/** Makes the log take debug entries and keeps them, until closed (then the default log is back). */
final class LogCapture implements AutoCloseable {
    private final List<LogEntry> entries = new ArrayList<>();

    LogCapture() {
        Logging.configure(List.of(new LogOutlet() {
            @Override
            public LogEntry.Level level() {
                return LogEntry.Level.DEBUG;
            }

            @Override
            public void write(LogEntry e) {
                synchronized (entries) {
                    entries.add(e);
                }
            }
        }));
    }

    /** The entries so far of loggers whose name starts with {@code prefix}. */
    List<LogEntry> from(String prefix) {
        synchronized (entries) {
            return entries.stream().filter(e -> e.logger().startsWith(prefix)).toList();
        }
    }

    @Override
    public void close() {
        Logging.reset();
    }
}
