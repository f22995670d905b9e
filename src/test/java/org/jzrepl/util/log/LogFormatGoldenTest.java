package org.jzrepl.util.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each format renders the same entries exactly as its golden file says
 * (src/test/resources/log-golden/FORMAT.txt): fields only when set, escaping in logfmt and json,
 * an exception's stack.
 */
class LogFormatGoldenTest {
    static final Path DIR = Path.of("src/test/resources/log-golden");
    static final Instant T = Instant.parse("2024-05-01T10:00:00.123Z");

    static List<LogEntry> entries() {
        Exception boom = new java.io.IOException("connection reset");
        boom.setStackTrace(new StackTraceElement[] {new StackTraceElement("org.jzrepl.rpc.Conn", "read", "Conn.java", 42)});
        return List.of(
                new LogEntry(T, LogEntry.Level.INFO, "org.jzrepl.job.ActiveJob", "job push1: run ended", null, "push1",
                        "job", null, null),
                new LogEntry(T, LogEntry.Level.DEBUG, "org.jzrepl.zfs.cmd.ZfsRunner", "zfs send took 12 ms", null,
                        "push1", "replication", "run$a1b2.attempt$c3d4.fs$e5f6.step$0A1b.zfs$Zz09", "pool/data"),
                new LogEntry(T, LogEntry.Level.WARN, "org.jzrepl.daemon.Daemon", "say \"hi\" = a\\b", null, null,
                        "daemon", null, null),
                new LogEntry(T, LogEntry.Level.ERROR, "org.jzrepl.rpc.Conn", "peer failed", boom, "pull",
                        "rpc", null, "pool/my data"));
    }

    @ParameterizedTest
    @CsvSource({"HUMAN,true,false,human.txt", "HUMAN,false,false,human-journal.txt", "HUMAN,true,true,human-color.txt",
        "LOGFMT,true,false,logfmt.txt", "JSON,true,false,json.txt"})
    void formatsAsTheGoldenFileSays(LogFormat format, boolean time, boolean color, String golden) throws Exception {
        String actual = entries().stream().map(e -> format.format(e, time, color))
                .collect(Collectors.joining("\n", "", "\n")).replace(System.lineSeparator(), "\n");
        if (Boolean.getBoolean("jzrepl.golden.write")) {
            Files.writeString(DIR.resolve(golden), actual);
        }
        assertEquals(Files.readString(DIR.resolve(golden)), actual);
    }
}
