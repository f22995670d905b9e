package org.jzrepl.zfs.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.testing.trace.TraceFile;
import org.jzrepl.util.log.LogEntry;
import org.jzrepl.util.log.LogOutlet;
import org.jzrepl.util.log.Logging;
import org.jzrepl.util.trace.Span;
import org.jzrepl.util.trace.Spans;
import org.jzrepl.util.trace.Tracing;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.RecvArgs;

/** Every zfs command is a span {@code zfs} inside the caller's: run on its thread, streamed ones detached. */
@Timeout(60)
class ZfsCommandSpanTest {
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        Tracing.stop();
        Logging.reset();
    }

    private ZfsRunner runner() throws Exception {
        Path p = dir.resolve("zfs");
        Files.writeString(p, "#!/bin/bash\nsleep 0.05\ncat > /dev/null\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return new ZfsRunner(p, ZfsMeter.NONE, Duration.ofSeconds(30));
    }

    static long micros() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    @Test
    void eachCommandIsASpanInsideTheStepAndItsLogLinesCarryIt() throws Exception {
        List<LogEntry> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Logging.configure(List.of(new LogOutlet() {
            @Override
            public LogEntry.Level level() {
                return LogEntry.Level.DEBUG;
            }

            @Override
            public void write(LogEntry e) {
                lines.add(e);
            }
        }));
        Path file = dir.resolve("trace.json");
        long t0 = micros();
        Tracing.start(file, false, Tracing.DEFAULT_MAX_BYTES);
        ZfsRunner r = runner();
        String stepStack;
        try (Span step = Spans.begin("step")) {
            stepStack = step.stack();
            r.run(List.of("list", "-H", "pool/a"));
            RunningCommand send = r.start(List.of("send", "pool/a@s1"));
            send.stdin().close();
            Thread other = new Thread(() -> {
                try {
                    send.await(Duration.ofSeconds(30));     // another thread ends a streamed command
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            other.start();
            other.join();
            new ZfsCli(r).recv(new RecvArgs(DatasetPath.parse("pool/b"), false, true, true, List.of(), java.util.Map.of()),
                    new ByteArrayInputStream(new byte[100]));
        }
        Tracing.stop();

        LogEntry exit = lines.stream().filter(e -> e.message().startsWith("zfs list -H pool/a: exit 0")).findFirst()
                .orElseThrow();
        assertTrue(exit.span().matches(java.util.regex.Pattern.quote(stepStack) + "\\.zfs\\$[0-9A-Za-z]{4}"), exit.span());
        TraceFile t = TraceFile.read(file).checkStructure(t0, micros());
        List<JsonNode> zfs = t.named("zfs");
        assertEquals(List.of("list -H pool/a", "send pool/a@s1", "recv -s -u --"), zfs.stream()
                .map(e -> e.path("args").path("argv").asText().split(" pool/b")[0]).toList());
        for (JsonNode z : zfs) {
            assertEquals("step>zfs", t.spanPath(z));
            assertTrue(z.path("dur").asLong() >= 50_000, "the process ran 50 ms at least: " + z);
        }
    }
}
