package org.jzrepl.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.testing.runtime.Runners;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlServerTest {
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> signals = new CopyOnWriteArrayList<>();
    private final ControlHandler handler = new ControlHandler() {
        @Override
        public Object status() {
            return Map.of("jobs", Map.of("prod_to_backup", Map.of("state", "idle")));
        }

        @Override
        public String version() {
            return "jzrepl 9.9";
        }

        @Override
        public void signal(String job, SignalOp op) throws UnknownJobException {
            if (!job.equals("prod_to_backup")) {
                throw new UnknownJobException(job);
            }
            signals.add(op + " " + job);
        }

        @Override
        public Object pruneDryRun(String job, String filesystem) throws UnknownJobException {
            if (job != null && !job.equals("prod_to_backup")) {
                throw new UnknownJobException(job);
            }
            return Map.of("jobs", List.of(Map.of("job", String.valueOf(job), "fs", String.valueOf(filesystem))));
        }
    };

    @TempDir
    Path tmp;
    private Path sock;
    private ControlServer server;
    private ControlClient client;

    @BeforeEach
    void start() throws IOException {
        Path dir = tmp.resolve("run");
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        sock = dir.resolve("control");
        server = ControlServer.start(sock, handler, json, Runners.shared());
        client = new ControlClient(sock, Duration.ofSeconds(5), json);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void servesStatusAsJson() throws IOException {
        JsonNode status = client.status();
        assertEquals("idle", status.path("jobs").path("prod_to_backup").path("state").asText());
    }

    @Test
    void servesVersion() throws IOException {
        assertEquals("jzrepl 9.9", client.version());
    }

    @Test
    void deliversSignalsToTheNamedJob() throws IOException {
        client.signal("prod_to_backup", SignalOp.WAKEUP);
        client.signal("prod_to_backup", SignalOp.RESET);
        assertEquals(List.of("WAKEUP prod_to_backup", "RESET prod_to_backup"), signals);
    }

    @Test
    void refusesSignalForUnknownJobWithItsName() {
        ControlClient.ControlRequestException e = assertThrows(ControlClient.ControlRequestException.class,
                () -> client.signal("nope", SignalOp.WAKEUP));
        assertEquals(404, e.status());
        assertEquals("no job named 'nope'", e.getMessage());
    }

    @Test
    void passesAPruneDryRunsJobAndFilesystemAndRefusesAnUnknownJobOrARealPrune() throws IOException {
        JsonNode all = client.pruneDryRun(null, null);
        assertEquals("null", all.path("jobs").get(0).path("job").asText());
        JsonNode one = client.pruneDryRun("prod_to_backup", "pool/data");
        assertEquals("pool/data", one.path("jobs").get(0).path("fs").asText());
        ControlClient.ControlRequestException e = assertThrows(ControlClient.ControlRequestException.class,
                () -> client.pruneDryRun("nope", null));
        assertEquals(404, e.status());
        String body = "{\"DryRun\":false,\"Job\":null}";
        String resp = raw("POST /prune HTTP/1.1\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        assertTrue(resp.startsWith("HTTP/1.1 400 ") && resp.contains("only a dry run"), resp);
        body = "{\"DryRun\":true,\"Job\":7}";
        resp = raw("POST /prune HTTP/1.1\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        assertTrue(resp.startsWith("HTTP/1.1 400 ") && resp.contains("Job must be a string or null"), resp);
    }

    @Test
    void refusesUnknownSignalOp() throws IOException {
        String body = "{\"Name\":\"prod_to_backup\",\"Op\":\"kill\"}";
        String resp = raw("POST /signal HTTP/1.1\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        assertTrue(resp.startsWith("HTTP/1.1 400 "), resp);
        assertTrue(resp.contains("unknown signal 'kill' (allowed: wakeup, reset)"), resp);
    }

    @Test
    void refusesOversizedBodyBeforeReadingIt() throws IOException {
        String resp = raw("POST /signal HTTP/1.1\r\nContent-Length: 2000000000\r\n\r\n");
        assertTrue(resp.startsWith("HTTP/1.1 413 "), resp);
    }

    @Test
    void refusesOversizedHeader() throws IOException {
        String resp = raw("GET /status HTTP/1.1\r\nX: " + "a".repeat(10_000) + "\r\n\r\n");
        assertTrue(resp.startsWith("HTTP/1.1 431 "), resp);
    }

    @Test
    void answersUnknownPathWith404() throws IOException {
        String resp = raw("GET /metrics HTTP/1.1\r\n\r\n");
        assertTrue(resp.startsWith("HTTP/1.1 404 "), resp);
    }

    @Test
    void closesAConnectionThatNeverFinishesItsRequest() {
        assertTimeoutPreemptively(ControlServer.REQUEST_TIMEOUT.plusSeconds(5), () -> {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(sock));
                ch.write(ByteBuffer.wrap("GET /sta".getBytes(StandardCharsets.US_ASCII)));
                assertEquals(-1, ch.read(ByteBuffer.allocate(16)));
            }
        });
    }

    @Test
    void clientExplainsAnUnreachableDaemon() {
        ControlClient c = new ControlClient(tmp.resolve("missing.sock"), Duration.ofSeconds(1), json);
        IOException e = assertThrows(ControlClient.DaemonUnreachableException.class, c::status);
        assertTrue(e.getMessage().startsWith("cannot reach the jzrepl daemon at control socket "), e.getMessage());
    }

    @Test
    void replacesAStaleSocketOnRestart() throws IOException {
        server.close();
        // leave a socket file behind without a server, as a crashed daemon would
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(sock));
        }
        assertTrue(Files.exists(sock));
        server = ControlServer.start(sock, handler, json, Runners.shared());
        assertEquals("jzrepl 9.9", client.version());
    }

    @Test
    void refusesToTakeOverTheSocketOfARunningDaemon() throws IOException {
        IOException e = assertThrows(IOException.class, () -> ControlServer.start(sock, handler, json, Runners.shared()));
        assertTrue(e.getMessage().startsWith("another jzrepl daemon is serving the control socket"), e.getMessage());
        assertEquals("jzrepl 9.9", client.version(), "the running daemon keeps its socket");
    }

    @Test
    void refusesToReplaceAFileThatIsNotASocket() throws IOException {
        server.close();
        Files.writeString(sock, "precious");
        IOException e = assertThrows(IOException.class, () -> ControlServer.start(sock, handler, json, Runners.shared()));
        assertTrue(e.getMessage().contains("exists and is not a socket"), e.getMessage());
        assertEquals("precious", Files.readString(sock));
        Files.delete(sock);
        server = ControlServer.start(sock, handler, json, Runners.shared());
    }

    @Test
    void refusesADirectoryOthersCanEnter() throws IOException {
        Path open = tmp.resolve("open");
        Files.createDirectory(open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        IOException e = assertThrows(IOException.class,
                () -> ControlServer.start(open.resolve("control"), handler, json, Runners.shared()));
        assertTrue(e.getMessage().contains("chmod o-rwx " + open), e.getMessage());
    }

    @Test
    void refusesASymlinkedDirectory() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), sock.getParent());
        server.close();
        IOException e = assertThrows(IOException.class, () -> ControlServer.start(link.resolve("control"), handler, json, Runners.shared()));
        assertTrue(e.getMessage().startsWith("control socket directory " + link + " is not a directory (symlinks are not followed)"),
                e.getMessage());
        assertTrue(Files.notExists(sock), "nothing was bound behind the symlink");
    }

    @Test
    void refusesAGroupWritableDirectory() throws IOException {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwx---"));
        IOException e = assertThrows(IOException.class, () -> ControlServer.start(shared.resolve("control"), handler, json, Runners.shared()));
        assertTrue(e.getMessage().contains("is writable by its group (mode 0770): run chmod g-w " + shared), e.getMessage());
    }

    @Test
    void refusesADirectoryOfAnotherUser() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("theirs"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        int owner = (Integer) Files.getAttribute(dir, "unix:uid");
        IOException e = assertThrows(IOException.class, () -> PrivateSocketPath.prepare(dir.resolve("control"), owner + 1000));
        assertTrue(e.getMessage().contains("control socket directory " + dir + " belongs to uid " + owner
                + ", not to the daemon's uid " + (owner + 1000)), e.getMessage());
        PrivateSocketPath.prepare(dir.resolve("control"), owner);
    }

    @Test
    void createsAMissingDirectoryPrivate() throws IOException {
        Path fresh = tmp.resolve("fresh/run");
        server.close();
        server = ControlServer.start(fresh.resolve("control"), handler, json, Runners.shared());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }

    private String raw(String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (ch.read(buf) >= 0 && buf.hasRemaining()) {
                // read until the server closes
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
    }
}
