package org.jzrepl.util.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jzrepl.runtime.ThreadTaskRunner;
import org.jzrepl.testing.trace.TraceFile;
import org.jzrepl.util.log.LogEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracingTest {
    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        Tracing.stop();
    }

    static long nowMicros() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    @Test
    void concurrentWorkersShowTheirNestingByTrackTimeAndParentIds() throws Exception {
        Path file = tmp.resolve("trace.json");
        long t0 = nowMicros() - 1000;
        Tracing.start(file, false, Tracing.DEFAULT_MAX_BYTES);
        ThreadTaskRunner runner = new ThreadTaskRunner(Clock.systemUTC());
        String attemptId;
        try (Span run = Spans.begin("run"); Span attempt = Spans.begin("attempt")) {
            attemptId = attempt.id();
            CountDownLatch done = new CountDownLatch(2);
            CountDownLatch both = new CountDownLatch(2);
            for (String fs : List.of("pool/a", "pool/\"b\"\n")) {
                runner.execute("replication step worker " + fs, () -> {
                    try (Span f = Spans.begin("fs", "filesystem", fs); Span step = Spans.begin("step")) {
                        both.countDown();
                        both.await(10, TimeUnit.SECONDS);      // the two steps overlap in time
                        Span zfs = Spans.detached("zfs", "argv", "send " + fs);
                        Thread reader = new Thread(zfs::close);   // another thread ends the process
                        Thread.sleep(2);
                        reader.start();
                        reader.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
            }
            assertTrue(done.await(10, TimeUnit.SECONDS));
            Thread.sleep(5);    // the workers' tasks end
        } finally {
            runner.close();
        }
        TraceSummary s = Tracing.stop().orElseThrow();
        assertEquals(file.toString(), s.path());
        assertEquals(Files.size(file), s.bytes());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        TraceFile t = TraceFile.read(file).checkStructure(t0, nowMicros() + 1000);
        assertEquals(2, t.named("step").size());
        assertEquals(2, t.named("zfs").size());
        for (JsonNode zfs : t.named("zfs")) {
            assertEquals("run>attempt>fs>step>zfs", t.spanPath(zfs));
            JsonNode step = t.parent(zfs);
            assertTrue(zfs.path("tid").asLong() >= ChromeTraceFile.DETACHED_TRACKS, "a track of its own");
            JsonNode task = t.parent(t.parent(step));
            assertEquals("task", task.path("cat").asText());
            assertEquals(attemptId, task.path("args").path("parent").asText(), "the worker task is the attempt's child");
            assertEquals(step.path("tid").asLong(), task.path("tid").asLong(), "the task and its spans share a track");
        }
        assertTrue(t.named("step").get(0).path("tid").asLong() != t.named("step").get(1).path("tid").asLong(),
                "concurrent steps are on different tracks");
        assertEquals(List.of("pool/\"b\"\n"), t.named("fs").stream().map(e -> e.path("args").path("filesystem").asText())
                .filter(n -> n.contains("b")).toList(), "arguments are JSON-escaped, not mangled");
        long flows = t.events().stream().filter(e -> e.path("ph").asText().equals("s")).count();
        assertTrue(flows >= 4, "flows link the worker tasks to the attempt and the zfs spans to their steps: " + flows);
        assertEquals(1, t.named("run").size());
    }

    @Test
    void theFileIsCreatedNewOnlyUnlessForcedAndNeverThroughASymlink() throws Exception {
        Path file = tmp.resolve("t.json");
        Files.writeString(file, "keep me");
        assertThrows(FileAlreadyExistsException.class, () -> Tracing.start(file, false, Tracing.DEFAULT_MAX_BYTES));
        assertEquals("keep me", Files.readString(file));
        Tracing.start(file, true, Tracing.DEFAULT_MAX_BYTES);
        assertThrows(IllegalStateException.class, () -> Tracing.start(tmp.resolve("second.json"), false,
                Tracing.DEFAULT_MAX_BYTES), "one trace at a time");
        Tracing.stop();
        assertTrue(Files.readString(file).startsWith("["));

        Path target = Files.writeString(tmp.resolve("target"), "precious");
        Path link = Files.createSymbolicLink(tmp.resolve("link.json"), target);
        assertThrows(java.io.IOException.class, () -> Tracing.start(link, true, Tracing.DEFAULT_MAX_BYTES));
        assertEquals("precious", Files.readString(target));
        assertThrows(IllegalArgumentException.class, () -> Tracing.start(Path.of("relative.json"), false,
                Tracing.DEFAULT_MAX_BYTES));
        assertThrows(java.io.IOException.class, () -> Tracing.start(tmp.resolve("no/such/dir/t.json"), false,
                Tracing.DEFAULT_MAX_BYTES));
        assertThrows(IllegalArgumentException.class, () -> Tracing.start(tmp.resolve("small.json"), false, 100));
        assertFalse(Tracing.current().isPresent());
    }

    @Test
    void theCapClosesTheFileAsValidJsonAndSaysSo() throws Exception {
        Path file = tmp.resolve("capped.json");
        long t0 = nowMicros() - 1000;
        try (LogCapture log = new LogCapture()) {
            Tracing.start(file, false, Tracing.MIN_MAX_BYTES);
            for (int i = 0; i < 200; i++) {
                try (Span s = Spans.begin("step", "n", Integer.toString(i))) {
                    assertTrue(s.id().length() == 4);
                }
            }
            assertTrue(Tracing.current().orElseThrow().capped());
            assertTrue(log.from(ChromeTraceFile.class.getName()).stream().anyMatch(e -> e.level() == LogEntry.Level.WARN
                    && e.message().contains("reached its size cap of 4096 bytes")), "one clear line");
        }
        assertTrue(Files.size(file) <= Tracing.MIN_MAX_BYTES, "size " + Files.size(file));
        TraceFile t = TraceFile.read(file).checkStructure(t0, nowMicros() + 1000);
        assertTrue(t.named("step").size() > 10 && t.named("step").size() < 200, "some, not all");
        assertTrue(Tracing.stop().orElseThrow().capped());
    }

    @Test
    void aFileCutShortEndsAfterAWholeEventAndReadsWithTheBracketAdded() throws Exception {
        Path file = tmp.resolve("cut.json");
        Tracing.start(file, false, Tracing.DEFAULT_MAX_BYTES);
        for (int i = 0; i < 2000; i++) {    // past the write buffer
            try (Span s = Spans.begin("step", "padding", "x".repeat(40))) {
                assertTrue(s.id().length() == 4);
            }
        }
        String partial = Files.readString(file, StandardCharsets.UTF_8);   // as a crash would leave it
        assertTrue(partial.length() >= ChromeTraceFile.FLUSH_BYTES && !partial.stripTrailing().endsWith("]"));
        JsonNode events = new ObjectMapper().readTree(partial + "\n]");    // what the viewers do with it
        assertTrue(events.isArray() && events.size() > 100);
        Tracing.stop();
        assertTrue(new ObjectMapper().readTree(file.toFile()).size() > events.size());
    }

    @Test
    void spansStillOpenAtStopAreWrittenUnfinished() throws Exception {
        Path file = tmp.resolve("open.json");
        try (Span outer = Spans.begin("run")) {
            Tracing.start(file, false, Tracing.DEFAULT_MAX_BYTES);
            try (Span inner = Spans.begin("attempt")) {
                Tracing.stop();
            }
            TraceFile t = TraceFile.read(file);
            assertEquals(1, t.named("run").size(), "begun before the trace started, written with its real start");
            assertTrue(t.named("run").get(0).path("args").path("unfinished").asBoolean());
            assertTrue(t.named("attempt").get(0).path("args").path("unfinished").asBoolean());
            assertEquals(outer.id(), t.named("attempt").get(0).path("args").path("parent").asText());
        }
    }
}
