package org.jzrepl.replication.driver;

import static org.jzrepl.replication.driver.Drivers.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.trace.TraceFile;
import org.jzrepl.util.trace.Span;
import org.jzrepl.util.trace.Spans;
import org.jzrepl.util.trace.Tracing;
import org.jzrepl.zfs.cmd.ZfsMeter;
import org.jzrepl.zfs.cmd.ZfsRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One replication run through the real driver, traced: run, attempt, then per step (two at once,
 * on their workers) fs, step and the zfs commands of both sides (the receiver's on a task of its
 * own), nested by parent ids and time, with sane timings. The endpoints are the fake world's, each
 * call also running a real (scripted) zfs command, as the real endpoints do.
 */
@Timeout(60)
class ReplicationTraceTest {
    @TempDir
    Path dir;
    private final FakeWorld world = new FakeWorld();

    @AfterEach
    void stop() {
        Tracing.stop();
    }

    static long micros() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    @SuppressWarnings("unchecked")
    private static <T> T runningZfs(Class<T> type, T side, ZfsRunner zfs, String method, String verb) {
        InvocationHandler h = (proxy, m, args) -> {
            if (m.getName().equals(method)) {
                zfs.run(List.of(verb, "pool/x"));
            }
            try {
                return m.invoke(side, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
    }

    @Test
    void aRunShowsRunAttemptFsStepZfsNestingWithSaneTimings() throws Exception {
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        world.snapshots("pool/b", "t1", "t2", "t3");
        world.received("pool/b", "t1");
        Path script = dir.resolve("zfs");
        Files.writeString(script, "#!/bin/bash\nsleep 0.02\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        ZfsRunner zfs = new ZfsRunner(script, ZfsMeter.NONE, Duration.ofSeconds(30));
        FakeConnector fake = new FakeConnector(world);
        EndpointConnector connector = () -> {
            EndpointSession s = fake.open();
            return EndpointSession.of(runningZfs(Sender.class, s.sender(), zfs, "send", "send"),
                    runningZfs(Receiver.class, s.receiver(), zfs, "receive", "recv"), s);
        };
        Path file = dir.resolve("run.json");
        long t0 = micros();
        Tracing.start(file, false, Tracing.DEFAULT_MAX_BYTES);
        AttemptReport r;
        try (Span run = Spans.begin("run")) {    // as JobRun.run
            r = new ReplicationDriver(connector, settings(2), Runners.shared()).run();
        }
        Thread.sleep(20);       // the workers' tasks end just after the attempt saw them done
        Tracing.stop();
        assertEquals(AttemptState.DONE, r.state());

        TraceFile t = TraceFile.read(file).checkStructure(t0, micros());
        assertEquals(1, t.named("run").size());
        assertEquals(1, t.named("attempt").size());
        assertEquals(3, t.named("step").size(), "pool/a one step, pool/b two");
        List<JsonNode> commands = t.named("zfs");
        assertEquals(6, commands.size(), "a send and a recv per step");
        for (JsonNode z : commands) {
            assertEquals("run>attempt>fs>step>zfs", t.spanPath(z));
            assertTrue(z.path("dur").asLong() >= 20_000, "the command's 20 ms: " + z);
        }
        for (JsonNode step : t.named("step")) {
            JsonNode fs = t.parent(step);
            assertEquals("fs", fs.path("name").asText());
            assertTrue(step.path("args").path("step").asText().startsWith(fs.path("args").path("filesystem").asText()));
            assertTrue(step.path("dur").asLong() >= 20_000, "a step holds its commands: " + step);
        }
        JsonNode attempt = t.named("attempt").get(0);
        assertTrue(TraceFile.end(attempt) - attempt.path("ts").asLong() < 30_000_000, "sane: " + attempt);
        long tracks = t.named("step").stream().mapToLong(e -> e.path("tid").asLong()).distinct().count();
        assertTrue(tracks >= 1 && tracks <= 2, "two workers at most: " + tracks);
        long recvTracks = commands.stream().filter(z -> z.path("args").path("argv").asText().startsWith("recv"))
                .filter(z -> t.named("step").stream().noneMatch(s -> s.path("tid").equals(z.path("tid")))).count();
        assertEquals(3, recvTracks, "each receive ran on a task of its own");
    }
}
