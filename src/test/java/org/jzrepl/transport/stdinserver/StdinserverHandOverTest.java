package org.jzrepl.transport.stdinserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.sshd.ForcedCommand;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.StreamChannels;
import org.jzrepl.transport.TransportException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forced command as a child process whose stdin/stdout are pipes, as under sshd, handing them
 * to a {@link StdinserverListener} in this JVM.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StdinserverHandOverTest {
    @TempDir
    Path tmp;
    Path sockdir;
    StdinserverListener listener;
    Process child;

    @BeforeEach
    void privateSockdir() throws IOException {
        sockdir = Files.createDirectory(tmp.resolve("sock"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @AfterEach
    void stop() throws IOException {
        if (child != null) {
            child.destroyForcibly();
        }
        if (listener != null) {
            listener.close();
        }
    }

    private Process forcedCommand(String identity) throws IOException {
        child = new ProcessBuilder(ForcedCommand.javaArgv(sockdir, identity))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return child;
    }

    @Test
    void handsOverPipesAndTheDaemonsStatusBecomesTheExitCode() throws Exception {
        listener = StdinserverListener.open(sockdir, List.of("client1", "client2"), Runners.shared());
        Process p = forcedCommand("client2");
        ReadableByteChannel fromDaemon = StreamChannels.readable(p.getInputStream());
        WritableByteChannel toDaemon = StreamChannels.writable(p.getOutputStream());
        StdinserverHandshake.clientSide(fromDaemon, toDaemon, "child");

        AuthenticatedWire aw = listener.accept();
        assertEquals("client2", aw.clientIdentity());
        toDaemon.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("ping", readExactly(aw.wire().in(), 4));
        aw.wire().out().write(ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("pong", readExactly(fromDaemon, 4));

        p.getOutputStream().close();
        assertEquals(-1, aw.wire().in().read(ByteBuffer.allocate(1)), "client's EOF reaches the daemon");
        aw.wire().closeWrite();
        assertEquals(-1, fromDaemon.read(ByteBuffer.allocate(1)), "daemon's EOF reaches the client");
        ((HandedOverWire) aw.wire()).close(7);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(7, p.exitValue());
    }

    @Test
    void unknownIdentityGivesAnErrorBannerNamingTheIdentity() throws Exception {
        listener = StdinserverListener.open(sockdir, List.of("client1"), Runners.shared());
        TransportException e = dialExpectingFailure("nosuch");
        assertEquals(TransportException.Kind.DAEMON_NOT_REACHABLE, e.kind());
        assertTrue(e.getMessage().startsWith("remote jzrepl daemon not reachable for identity nosuch"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown identity"), e.getMessage());
        assertEquals(StdinserverProtocol.EXIT_NOT_REACHABLE, child.waitFor());
    }

    @Test
    void daemonDownGivesAnErrorBannerSayingItIsNotRunning() throws Exception {
        TransportException e = dialExpectingFailure("client1");
        assertTrue(e.getMessage().contains("daemon is not running"), e.getMessage());
        assertEquals(StdinserverProtocol.EXIT_NOT_REACHABLE, child.waitFor());
    }

    @Test
    void staleSocketIsReplacedAndRemovedOnClose() throws Exception {
        listener = StdinserverListener.open(sockdir, List.of("client1"), Runners.shared());
        // simulate a crashed daemon: a socket file with nobody listening
        StdinserverListener old = listener;
        listener = null;
        Files.move(sockdir.resolve("client1"), tmp.resolve("kept"));
        old.close();
        Files.move(tmp.resolve("kept"), sockdir.resolve("client1"));
        TransportException e = dialExpectingFailure("client1");
        assertTrue(e.getMessage().contains("stale socket"), e.getMessage());

        listener = StdinserverListener.open(sockdir, List.of("client1"), Runners.shared());
        listener.close();
        listener = null;
        assertTrue(Files.notExists(sockdir.resolve("client1")));
    }

    @Test
    void refusesASockdirOthersCanAccess() throws Exception {
        Files.setPosixFilePermissions(sockdir, PosixFilePermissions.fromString("rwxr-xr-x"));
        TransportException e = assertThrows(TransportException.class, () -> StdinserverListener.open(sockdir, List.of("client1"), Runners.shared()));
        assertEquals(TransportException.Kind.CONFIGURATION, e.kind());
        assertTrue(e.getMessage().contains("accessible by others (mode 0755)") && e.getMessage().contains("chmod o-rwx"), e.getMessage());
    }

    @Test
    void refusesAMissingSockdir() {
        TransportException e = assertThrows(TransportException.class,
                () -> StdinserverListener.open(tmp.resolve("missing"), List.of("client1"), Runners.shared()));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("install -d -m 0700"), e.getMessage());
    }

    @Test
    void refusesAnOrdinaryFileWhereTheSocketGoes() throws Exception {
        Files.writeString(sockdir.resolve("client1"), "not a socket");
        TransportException e = assertThrows(TransportException.class, () -> StdinserverListener.open(sockdir, List.of("client1"), Runners.shared()));
        assertTrue(e.getMessage().contains("is not a socket"), e.getMessage());
        assertEquals("not a socket", Files.readString(sockdir.resolve("client1")), "the file is left alone");
    }

    @Test
    void refusesToStealTheSocketOfALiveDaemon() throws Exception {
        listener = StdinserverListener.open(sockdir, List.of("client1"), Runners.shared());
        TransportException e = assertThrows(TransportException.class, () -> StdinserverListener.open(sockdir, List.of("client1"), Runners.shared()));
        assertTrue(e.getMessage().contains("second jzrepl daemon"), e.getMessage());
    }

    @Test
    void acceptAfterCloseThrows() throws Exception {
        listener = StdinserverListener.open(sockdir, List.of("client1"), Runners.shared());
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(200);
                listener.close();
            } catch (Exception ignored) {
                // test fails below if close did not happen
            }
        });
        closer.start();
        assertThrows(java.nio.channels.ClosedChannelException.class, () -> listener.accept());
        closer.join();
    }

    private TransportException dialExpectingFailure(String identity) throws IOException {
        Process p = forcedCommand(identity);
        return assertThrows(TransportException.class, () -> StdinserverHandshake.clientSide(
                StreamChannels.readable(p.getInputStream()), StreamChannels.writable(p.getOutputStream()), "child"));
    }

    private static String readExactly(ReadableByteChannel in, int n) throws IOException {
        byte[] b = new byte[n];
        int got = StdinserverHandshake.readUpTo(in, b, n);
        assertEquals(n, got);
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void bannersHaveTheDocumentedLength() {
        assertEquals(32, StdinserverProtocol.HELO.length);
        assertArrayEquals(StdinserverProtocol.banner("JZREPL_STDINSERVER_BEGIN v1"), StdinserverProtocol.BEGIN);
    }
}
