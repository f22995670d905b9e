package org.jzrepl.replication.driver;

import static org.jzrepl.replication.driver.Drivers.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.util.log.LogEntry;
import org.jzrepl.util.log.LogFormat;
import org.jzrepl.util.log.LogOutlet;
import org.jzrepl.util.log.Logging;
import org.jzrepl.util.trace.Span;
import org.jzrepl.util.trace.Spans;
import org.jzrepl.zfs.cmd.ZfsMeter;
import org.jzrepl.zfs.cmd.ZfsRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log lines of one step, at debug, in logfmt, as src/test/resources/log-golden/step-spans.txt
 * says (times, span ids and durations normalized): every line inside the step carries the whole
 * span stack, run to zfs command, beside its subsystem and filesystem.
 */
@Timeout(60)
class StepLogGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/log-golden/step-spans.txt");
    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        Logging.reset();
    }

    @Test
    void everyLineOfAStepCarriesItsSpanStack() throws Exception {
        FakeWorld world = new FakeWorld();
        world.snapshots("pool/a", "s1", "s2");
        world.received("pool/a", "s1");
        Path script = dir.resolve("zfs");
        Files.writeString(script, "#!/bin/bash\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        ZfsRunner zfs = new ZfsRunner(script, ZfsMeter.NONE, Duration.ofSeconds(30));
        FakeConnector fake = new FakeConnector(world);
        EndpointConnector connector = () -> {
            EndpointSession s = fake.open();
            Sender sender = (Sender) java.lang.reflect.Proxy.newProxyInstance(Sender.class.getClassLoader(),
                    new Class<?>[] {Sender.class}, (proxy, m, args) -> {
                        if (m.getName().equals("send")) {
                            zfs.run(List.of("send", "pool/a@s2"));
                        }
                        try {
                            return m.invoke(s.sender(), args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            return EndpointSession.of(sender, s.receiver(), s);
        };
        List<LogEntry> lines = new ArrayList<>();
        Logging.configure(List.of(new LogOutlet() {
            @Override
            public LogEntry.Level level() {
                return LogEntry.Level.DEBUG;
            }

            @Override
            public synchronized void write(LogEntry e) {
                lines.add(e);
            }
        }));
        try (Span run = Spans.begin("run")) {
            assertEquals(AttemptState.DONE, new ReplicationDriver(connector, settings(1), Runners.shared()).run().state());
        }
        Logging.reset();
        List<String> ofTheStep = lines.stream().filter(e -> e.span() != null && e.span().contains(".step$"))
                .filter(e -> e.logger().startsWith("org.jzrepl."))
                .map(e -> LogFormat.LOGFMT.format(e, true, false)).toList();
        String actual = ofTheStep.stream().map(StepLogGoldenTest::normalized).collect(Collectors.joining("\n", "", "\n"));
        if (Boolean.getBoolean("jzrepl.golden.write")) {
            Files.writeString(GOLDEN, actual);
        }
        assertEquals(Files.readString(GOLDEN), actual);
    }

    /** Times, span ids and durations vary from run to run. */
    static String normalized(String line) {
        return line.replaceFirst("^time=\\S+", "time=T").replaceAll("\\$[0-9A-Za-z]{4}", "\\$ID")
                .replaceAll("after [0-9.]+ ms", "after N ms");
    }
}
