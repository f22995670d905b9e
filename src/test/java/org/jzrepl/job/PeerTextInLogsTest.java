package org.jzrepl.job;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.config.ReplicationOptions;
import org.jzrepl.endpoint.EndpointException;
import org.jzrepl.endpoint.Messages.DestroySnapshotsRequest;
import org.jzrepl.endpoint.Messages.DestroySnapshotsResponse;
import org.jzrepl.endpoint.Messages.FilesystemEntry;
import org.jzrepl.endpoint.Messages.FilesystemRequest;
import org.jzrepl.endpoint.Messages.ListFilesystemsResponse;
import org.jzrepl.endpoint.Messages.ListVersionsResponse;
import org.jzrepl.endpoint.Messages.PingRequest;
import org.jzrepl.endpoint.Messages.PingResponse;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Messages.ReplicationCursorResponse;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.replication.driver.DriverSettings;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.rpc.Streamed;
import org.jzrepl.testing.LogCapture;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.transport.Wire;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.VersionType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer's words reach the daemon's log escaped, on one line: an RST reason sent to a passive
 * job, an error message a remote sender returns to a pull job. The text would forge a log line
 * ("2026-01-01 INFO forged line") and turn the terminal red if logged raw.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeerTextInLogsTest {
    private static final String EVIL = "bye\n2026-01-01 INFO forged line \u001b[31mred";
    private static final String ESCAPED = "bye\\n2026-01-01 INFO forged line \\x1b[31mred";

    private final LocalSwitchboard switchboard = new LocalSwitchboard();
    private PassiveJob source;
    private ActiveJob pull;

    @AfterEach
    void stop() {
        if (pull != null) {
            pull.close();
        }
        if (source != null) {
            source.close();
        }
    }

    @Test
    void rstReasonFromAClientIsLoggedOnOneEscapedLine() throws Exception {
        source = PassiveJob.source("src", List.of("local l"), () -> switchboard.listen("l"), unusedSender(),
                RpcSettings.defaults(Runners.shared()), Runners.shared(), List.of());
        source.start();
        try (LogCapture log = LogCapture.start();
             Wire w = switchboard.connecter("l", "mallory", Duration.ofSeconds(5)).connect()) {
            byte[] hello = "jzrepl-rpc version=1 extensions=\n".getBytes(StandardCharsets.US_ASCII);
            byte[] reason = EVIL.getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(6 + hello.length + 8 + reason.length);
            b.put(new byte[] {'J', 'Z', 'R', 'P'}).putShort((short) hello.length).put(hello);
            b.put((byte) 0x2F).put((byte) 0).putShort((short) 0).putInt(reason.length).put(reason).flip(); // RST
            while (b.hasRemaining()) {
                w.out().write(b);
            }
            assertTrue(log.await(l -> l.contains("connection of client mallory failed"), Duration.ofSeconds(20)), log.text());
            assertOnlyEscaped(log);
            assertEquals(1, log.lines().stream().filter(l -> l.contains("forged line")).count(), log.text());
        }
    }

    @Test
    void remoteErrorOfASenderIsLoggedOnOneEscapedLine() throws Exception {
        source = PassiveJob.source("src", List.of("local l"), () -> switchboard.listen("l"), new RefusingSender(),
                RpcSettings.defaults(Runners.shared()), Runners.shared(), List.of());
        source.start();
        DriverSettings settings = DriverSettings.fromConfig(ReplicationOptions.DEFAULT, InitialReplication.MOST_RECENT)
                .withRetries(1, Duration.ZERO);
        pull = ActiveJob.pull("pull", Optional.empty(), switchboard.connecter("l", "me", Duration.ofSeconds(5)),
                RpcSettings.defaults(Runners.shared()), emptyReceiver(), settings, KeepRules.NONE,
                Runners.shared(), List.of());
        pull.start();
        try (LogCapture log = LogCapture.start()) {
            pull.wakeup();
            assertTrue(pull.awaitRuns(1, Duration.ofSeconds(30)));
            assertTrue(log.await(l -> l.contains("replication step pool/a: full @s1 failed: "), Duration.ofSeconds(10)),
                    log.text());
            assertOnlyEscaped(log);
        }
    }

    private static void assertOnlyEscaped(LogCapture log) {
        List<String> lines = log.lines();
        for (String l : lines) {
            if (l.contains("forged line")) {
                assertTrue(l.contains(ESCAPED), "the reason stays on its log line, escaped: " + l);
            }
        }
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("2026-01-01 INFO forged line")), log.text());
        assertEquals(-1, log.text().indexOf('\u001b'), "no ESC reaches the log");
    }

    private static Sender unusedSender() {
        return (Sender) Proxy.newProxyInstance(Sender.class.getClassLoader(), new Class<?>[] {Sender.class},
                (p, m, a) -> {
                    throw new AssertionError("no call expected: " + m.getName());
                });
    }

    private static Receiver emptyReceiver() {
        return new EmptyReceiver();
    }

    /** A receiver holding nothing. */
    private static final class EmptyReceiver implements Receiver {
        @Override
        public PingResponse ping(PingRequest request) {
            return new PingResponse(request.message());
        }

        @Override
        public ListFilesystemsResponse listFilesystems() {
            return new ListFilesystemsResponse(List.of());
        }

        @Override
        public ListVersionsResponse listFilesystemVersions(FilesystemRequest request) {
            return new ListVersionsResponse(List.of());
        }

        @Override
        public DestroySnapshotsResponse destroySnapshots(DestroySnapshotsRequest request) {
            return new DestroySnapshotsResponse(List.of());
        }

        @Override
        public void receive(ReceiveRequest request, InputStream stream) throws IOException {
            throw new IOException("not reached: the sender refuses first");
        }
    }

    /** Offers pool/a@s1 and refuses to send it, with a reason that would forge a log line. */
    private static final class RefusingSender implements Sender {
        @Override
        public PingResponse ping(PingRequest request) {
            return new PingResponse(request.message());
        }

        @Override
        public ListFilesystemsResponse listFilesystems() {
            return new ListFilesystemsResponse(List.of(new FilesystemEntry("pool/a", null, false, false)));
        }

        @Override
        public ListVersionsResponse listFilesystemVersions(FilesystemRequest request) {
            return new ListVersionsResponse(List.of(
                    new Version(VersionType.SNAPSHOT, "s1", "12345", 10, "2026-01-01T00:00:00Z")));
        }

        @Override
        public DestroySnapshotsResponse destroySnapshots(DestroySnapshotsRequest request) {
            return new DestroySnapshotsResponse(List.of());
        }

        @Override
        public Streamed<SendResponse> send(SendRequest request) throws IOException {
            throw new EndpointException(EndpointException.REFUSED, EVIL);
        }

        @Override
        public SendResponse sendDry(SendRequest request) throws IOException {
            throw new EndpointException(EndpointException.REFUSED, EVIL);
        }

        @Override
        public void sendCompleted(SendCompletedRequest request) {
        }

        @Override
        public ReplicationCursorResponse replicationCursor(FilesystemRequest request) {
            return new ReplicationCursorResponse(null);
        }
    }
}
