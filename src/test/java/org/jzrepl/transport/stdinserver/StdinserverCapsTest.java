package org.jzrepl.transport.stdinserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.testing.StderrCapture;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.sshd.ForcedCommand;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.ConnectionCaps;
import org.jzrepl.transport.StreamChannels;
import org.jzrepl.transport.TransportException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection caps at the stdinserver hand-over, with the real forced command as child
 * processes: a connection over a cap is refused before the hand-over completes, the dialing side
 * reads the cap in the ERROR banner, the daemon logs it, and a closed wire frees its place.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StdinserverCapsTest {
    @TempDir
    Path tmp;
    StdinserverListener listener;
    final List<Process> children = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        children.forEach(Process::destroyForcibly);
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void connectionOverTheIdentityCapIsRefusedWithTheCapInTheDialersError() throws Exception {
        Path sockdir = privateSockdir();
        listener = StdinserverListener.open(sockdir, List.of("client1", "client2"), new ConnectionCaps("src", 1, 2), Runners.shared());
        Process first = dial(sockdir, "client1");
        AuthenticatedWire held = listener.accept();

        try (StderrCapture log = new StderrCapture()) {
            Process second = forcedCommand(sockdir, "client1");
            TransportException e = assertThrows(TransportException.class, () -> StdinserverHandshake.clientSide(
                    StreamChannels.readable(second.getInputStream()), StreamChannels.writable(second.getOutputStream()),
                    "child"));
            assertEquals(TransportException.Kind.DAEMON_NOT_REACHABLE, e.kind());
            assertTrue(e.getMessage().contains("the daemon refused the hand-over: job src already serves 1 connections"
                    + " of client identity client1, its cap (serve.max_connections_per_identity: 1)"), e.getMessage());
            assertEquals(StdinserverProtocol.EXIT_NOT_REACHABLE, second.waitFor());
            assertTrue(log.text().contains("refused a connection: job src already serves 1 connections of client identity"
                    + " client1"), log.text());
        }
        assertEquals(1, listener.refusedConnections());

        Process other = dial(sockdir, "client2");
        assertEquals("client2", listener.accept().clientIdentity(), "another identity has its own cap");

        ((HandedOverWire) held.wire()).close(0);
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        dial(sockdir, "client1");
        assertEquals("client1", listener.accept().clientIdentity(), "a closed wire frees its place");
        assertTrue(other.isAlive());
    }

    @Test
    void connectionOverTheJobCapIsRefusedNamingIt() throws Exception {
        Path sockdir = privateSockdir();
        listener = StdinserverListener.open(sockdir, List.of("client1", "client2"), new ConnectionCaps("sink", 1, 1), Runners.shared());
        dial(sockdir, "client1");
        listener.accept();
        Process second = forcedCommand(sockdir, "client2");
        TransportException e = assertThrows(TransportException.class, () -> StdinserverHandshake.clientSide(
                StreamChannels.readable(second.getInputStream()), StreamChannels.writable(second.getOutputStream()), "child"));
        assertTrue(e.getMessage().contains("job sink already serves 1 connections, its cap (serve.max_connections: 1)"),
                e.getMessage());
    }

    private Path privateSockdir() throws IOException {
        return Files.createDirectory(tmp.resolve("sock"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private Process forcedCommand(Path sockdir, String identity) throws IOException {
        Process p = new ProcessBuilder(ForcedCommand.javaArgv(sockdir, identity))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        children.add(p);
        return p;
    }

    /** A forced command whose hand-over and banner exchange succeed. */
    private Process dial(Path sockdir, String identity) throws IOException {
        Process p = forcedCommand(sockdir, identity);
        StdinserverHandshake.clientSide(StreamChannels.readable(p.getInputStream()),
                StreamChannels.writable(p.getOutputStream()), "child");
        return p;
    }
}
