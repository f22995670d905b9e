package org.jzrepl.util.log;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The process's log: its outlets, its listeners and the level each logger logs at. jzrepl logs
 * through slf4j; {@link JzreplServiceProvider} routes every call here.
 *
 * <p>Until the daemon {@link #configure}s its outlets, entries go to stderr in the human format,
 * at the level of the {@code org.slf4j.simpleLogger.defaultLogLevel} system property (or of a
 * {@code simplelogger.properties} on the class path; default info), so the CLI, the forced
 * command and tests log as before. {@code org.slf4j.simpleLogger.log.PREFIX=LEVEL} properties
 * cap the loggers under a name prefix (MINA SSHD's, say) in either case.
 *
 * <p>Thread-safe: outlets are swapped atomically; listeners (metrics) are called on the logging
 * thread and must be quick.
 */
public final class Logging {
    static final String DEFAULT_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
    static final String LOGGER_LEVEL_PREFIX = "org.slf4j.simpleLogger.log.";

    private static final Properties FILE = classpathProperties();
    private static final List<Consumer<LogEntry>> LISTENERS = new CopyOnWriteArrayList<>();
    /**
     * Each logger's cap from the properties, looked up once: MINA SSHD asks isDebugEnabled and
     * isTraceEnabled several times per SSH packet, and a lookup walks every prefix of the logger's
     * name through the system properties (a CPU profile of the SSH data path found some 12% of the
     * packet-decoding thread there). Cleared by {@link #configure} and {@link #reset}.
     */
    private static final ConcurrentHashMap<String, Optional<LogEntry.Level>> CAPS = new ConcurrentHashMap<>();
    private static volatile State state = defaults();

    private record State(List<LogOutlet> outlets, LogEntry.Level threshold, boolean configured) {
    }

    private Logging() {
    }

    /** Sends every entry to {@code outlets} from now on; closes the outlets configured before. */
    public static void configure(List<LogOutlet> outlets) {
        LogEntry.Level min = LogEntry.Level.ERROR;
        for (LogOutlet o : outlets) {
            min = o.level().ordinal() < min.ordinal() ? o.level() : min;
        }
        State old = state;
        CAPS.clear();
        state = new State(List.copyOf(outlets), min, true);
        if (old.configured()) {
            old.outlets().forEach(LogOutlet::close);
        }
    }

    /** Back to the stderr default; closes configured outlets (tests, shutdown). */
    public static void reset() {
        State old = state;
        CAPS.clear();
        state = defaults();
        if (old.configured()) {
            old.outlets().forEach(LogOutlet::close);
        }
    }

    /** {@code l} hears of every entry that is logged (passes its logger's level), e.g. to count it. */
    public static void addListener(Consumer<LogEntry> l) {
        LISTENERS.add(l);
    }

    public static void removeListener(Consumer<LogEntry> l) {
        LISTENERS.remove(l);
    }

    /** Whether {@code logger} logs at {@code level} now. */
    static boolean enabled(String logger, LogEntry.Level level) {
        LogEntry.Level cap = CAPS.computeIfAbsent(logger, l -> Optional.ofNullable(loggerLevel(l))).orElse(null);
        LogEntry.Level min = state.threshold();
        if (cap != null && cap.ordinal() > min.ordinal()) {
            min = cap;
        }
        return level.ordinal() >= min.ordinal();
    }

    static void dispatch(LogEntry e) {
        for (Consumer<LogEntry> l : LISTENERS) {
            try {
                l.accept(e);
            } catch (RuntimeException ignored) {
                // a broken listener must not break logging
            }
        }
        for (LogOutlet o : state.outlets()) {
            if (e.level().ordinal() >= o.level().ordinal()) {
                try {
                    o.write(e);
                } catch (RuntimeException ignored) {
                    // an outlet must not break the caller; stream outlets do not throw
                }
            }
        }
    }

    private static State defaults() {
        LogEntry.Level level = parse(setting(DEFAULT_LEVEL_PROPERTY), LogEntry.Level.INFO);
        return new State(List.of(new StreamOutlet(() -> System.err, level, LogFormat.HUMAN, true, false)), level,
                false);
    }

    /** The level a {@code org.slf4j.simpleLogger.log.PREFIX} property gives the longest matching prefix, or null. */
    private static LogEntry.Level loggerLevel(String logger) {
        String name = logger;
        while (true) {
            String v = setting(LOGGER_LEVEL_PREFIX + name);
            if (v != null) {
                return parse(v, null);
            }
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            name = name.substring(0, dot);
        }
    }

    private static String setting(String key) {
        String v = System.getProperty(key);
        return v != null ? v : FILE.getProperty(key);
    }

    /** A level name (trace, debug, info, warn, error; off counts as error), or {@code dflt}. */
    static LogEntry.Level parse(String s, LogEntry.Level dflt) {
        if (s == null) {
            return dflt;
        }
        String v = s.strip().toUpperCase(Locale.ROOT);
        if (v.equals("OFF")) {
            return LogEntry.Level.ERROR;
        }
        try {
            return LogEntry.Level.valueOf(v);
        } catch (IllegalArgumentException e) {
            return dflt;
        }
    }

    private static Properties classpathProperties() {
        Properties p = new Properties();
        try (InputStream in = Logging.class.getClassLoader().getResourceAsStream("simplelogger.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // no file: built-in defaults
        }
        return p;
    }
}
