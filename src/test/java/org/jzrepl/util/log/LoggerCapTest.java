package org.jzrepl.util.log;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-logger caps of {@code org.slf4j.simpleLogger.log.PREFIX} properties, which Logging
 * looks up once per logger: the longest prefix wins, and a property set before
 * {@link Logging#configure} (as the daemon caps MINA SSHD) or {@link Logging#reset} applies from
 * then on, even to loggers asked before.
 */
class LoggerCapTest {
    private static final String SSHD = Logging.LOGGER_LEVEL_PREFIX + "test.cap.sshd";
    private static final String CHANNEL = Logging.LOGGER_LEVEL_PREFIX + "test.cap.sshd.channel";
    private static final String LOGGER = "test.cap.sshd.channel.LocalWindow";

    @AfterEach
    void clear() {
        System.clearProperty(SSHD);
        System.clearProperty(CHANNEL);
        Logging.reset();
    }

    /** Outlets at debug, so that only a cap keeps a logger from debug. */
    private static void configureAtDebug(List<LogEntry> into) {
        Logging.configure(List.of(new LogOutlet() {
            @Override
            public LogEntry.Level level() {
                return LogEntry.Level.DEBUG;
            }

            @Override
            public void write(LogEntry e) {
                into.add(e);
            }
        }));
    }

    @Test
    void theLongestPrefixCapsALogger() {
        System.setProperty(SSHD, "warn");
        System.setProperty(CHANNEL, "info");
        configureAtDebug(new ArrayList<>());
        assertFalse(Logging.enabled(LOGGER, LogEntry.Level.DEBUG));
        assertTrue(Logging.enabled(LOGGER, LogEntry.Level.INFO));
        assertFalse(Logging.enabled("test.cap.sshd.Session", LogEntry.Level.INFO));
        assertTrue(Logging.enabled("test.cap.other", LogEntry.Level.DEBUG));
    }

    @Test
    void aCapSetBeforeConfigureAppliesToALoggerAskedBefore() {
        List<LogEntry> seen = new ArrayList<>();
        configureAtDebug(seen);
        assertTrue(Logging.enabled(LOGGER, LogEntry.Level.DEBUG));
        System.setProperty(SSHD, "info");
        configureAtDebug(seen);
        assertFalse(Logging.enabled(LOGGER, LogEntry.Level.DEBUG));
        org.slf4j.LoggerFactory.getLogger(LOGGER).debug("dropped");
        org.slf4j.LoggerFactory.getLogger(LOGGER).info("kept");
        assertEquals(List.of("kept"), seen.stream().map(LogEntry::message).toList());
    }

    @Test
    void resetReadsTheCapsAgain() {
        System.setProperty(SSHD, "error");
        Logging.reset();
        assertFalse(Logging.enabled(LOGGER, LogEntry.Level.WARN));
        System.clearProperty(SSHD);
        Logging.reset();
        assertTrue(Logging.enabled(LOGGER, LogEntry.Level.WARN));
    }
}
