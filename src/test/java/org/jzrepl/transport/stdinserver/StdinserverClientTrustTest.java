package org.jzrepl.transport.stdinserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.transport.PrivateDir;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The forced command hands its fds only to a socket of root or its own user, with a process of
 * root or its own user behind it; otherwise it writes the ERROR banner and sends nothing.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StdinserverClientTrustTest {
    private static final int FOREIGN_UID = 4242;

    @TempDir
    Path tmp;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private AFUNIXServerSocket server;
    private Process foreign;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (foreign != null) {
            foreign.destroyForcibly();
        }
    }

    @Test
    void decidesOnBothUids() {
        Path s = Path.of("/run/jzrepl/stdinserver/c1");
        assertNull(DaemonSocketCheck.refusal(s, 0, 0, 1000), "root's daemon");
        assertNull(DaemonSocketCheck.refusal(s, 1000, 1000, 1000), "our own daemon");
        assertNull(DaemonSocketCheck.refusal(s, 0, 1000, 1000), "root's socket file, our own process");
        assertTrue(DaemonSocketCheck.refusal(s, 1001, 1000, 1000).contains("belongs to uid 1001, neither root nor this user (uid 1000)"));
        assertTrue(DaemonSocketCheck.refusal(s, 1000, 1001, 1000).contains("runs as uid 1001, neither root nor this user (uid 1000)"));
        assertTrue(DaemonSocketCheck.refusal(s, 0, DaemonSocketCheck.UNKNOWN, 0).contains("gave no credentials"));
    }

    /** Runs as root (the test suite does): the socket file is chowned to another user. */
    @Test
    void refusesASocketFileOfAnotherUserAndSendsNothing() throws Exception {
        Path sockdir = privateSockdir();
        Path socket = sockdir.resolve("client1");
        server = AFUNIXServerSocket.bindOn(AFUNIXSocketAddress.of(socket));
        server.setSoTimeout(10_000);
        Assumptions.assumeTrue(PrivateDir.ownUid() == 0, "needs root to chown the socket");
        Files.setAttribute(socket, "unix:uid", FOREIGN_UID);
        CompletableFuture<String> received = CompletableFuture.supplyAsync(this::whatTheServerGets);

        int status = client().handOver(sockdir, "client1", PrivateDir.ownUid());

        assertEquals(StdinserverProtocol.EXIT_NOT_REACHABLE, status);
        assertBanner("client1\tsocket " + socket + " belongs to uid " + FOREIGN_UID + ", neither root nor this user (uid 0)");
        assertEquals("0 bytes, 0 fds", received.get(10, TimeUnit.SECONDS), "no HANDOVER, no fds");
    }

    /** Posing as a non-root user (injected uid 2000) facing a socket of user 1000. */
    @Test
    void aNonRootForcedCommandRefusesAnotherUsersSocket() throws Exception {
        Path sockdir = privateSockdir();
        Path socket = sockdir.resolve("client1");
        server = AFUNIXServerSocket.bindOn(AFUNIXSocketAddress.of(socket));
        server.setSoTimeout(10_000);
        Assumptions.assumeTrue(PrivateDir.ownUid() == 0, "needs root to chown the socket");
        Files.setAttribute(socket, "unix:uid", 1000);
        CompletableFuture<String> received = CompletableFuture.supplyAsync(this::whatTheServerGets);

        int status = client().handOver(sockdir, "client1", 2000);

        assertEquals(StdinserverProtocol.EXIT_NOT_REACHABLE, status);
        assertBanner("client1\tsocket " + socket + " belongs to uid 1000, neither root nor this user (uid 2000)");
        assertEquals("0 bytes, 0 fds", received.get(10, TimeUnit.SECONDS));
    }

    @Test
    void refusesASymlinkInsteadOfTheSocket() throws Exception {
        Path sockdir = privateSockdir();
        server = AFUNIXServerSocket.bindOn(AFUNIXSocketAddress.of(tmp.resolve("elsewhere")));
        server.setSoTimeout(10_000);
        Files.createSymbolicLink(sockdir.resolve("client1"), tmp.resolve("elsewhere"));
        CompletableFuture<String> received = CompletableFuture.supplyAsync(this::whatTheServerGets);

        int status = client().handOver(sockdir, "client1", PrivateDir.ownUid());

        assertEquals(StdinserverProtocol.EXIT_NOT_REACHABLE, status);
        assertBanner("client1\t" + sockdir.resolve("client1") + " is not a socket (a symlink is not followed)");
        assertEquals("0 bytes, 0 fds", received.get(10, TimeUnit.SECONDS));
    }

    /**
     * A process of another user listens on a socket file that root owns (chowned after the bind):
     * only SO_PEERCRED tells. socat, run as uid 4242 with setpriv, records what it receives.
     */
    @Test
    void refusesAProcessOfAnotherUserBehindTheSocket() throws Exception {
        Assumptions.assumeTrue(PrivateDir.ownUid() == 0, "needs root to run a listener as another user");
        Assumptions.assumeTrue(onPath("socat") && onPath("setpriv"), "needs socat and setpriv");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        Path sockdir = Files.createDirectory(tmp.resolve("sock"));
        Files.setAttribute(sockdir, "unix:uid", FOREIGN_UID);
        Path socket = sockdir.resolve("client1");
        Path got = sockdir.resolve("received");
        foreign = new ProcessBuilder("setpriv", "--reuid=" + FOREIGN_UID, "--regid=" + FOREIGN_UID, "--clear-groups",
                "socat", "-u", "UNIX-LISTEN:" + socket, "CREATE:" + got)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening(socket) && System.nanoTime() < deadline) {   // bound is not yet listening
            Thread.sleep(20);
        }
        assertTrue(listening(socket), "socat listens");
        Files.setAttribute(socket, "unix:uid", 0);

        int status = client().handOver(sockdir, "client1", 0);

        assertEquals(StdinserverProtocol.EXIT_NOT_REACHABLE, status);
        assertBanner("client1\tthe process listening on " + socket + " runs as uid " + FOREIGN_UID
                + ", neither root nor this user (uid 0)");
        assertTrue(foreign.waitFor(10, TimeUnit.SECONDS), "socat saw the connection end");
        assertEquals(0, Files.size(got), "the foreign listener received nothing");
    }

    /** Whether a socket bound to {@code path} accepts connections (flag __SO_ACCEPTCON in /proc/net/unix). */
    private static boolean listening(Path path) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/net/unix"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && f[7].equals(path.toString()) && f[3].equals("00010000")) {
                return true;
            }
        }
        return false;
    }

    private StdinserverClient client() {
        return new StdinserverClient(new PrintStream(err, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private Path privateSockdir() throws IOException {
        return Files.createDirectory(tmp.resolve("sock"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private void assertBanner(String detailPrefix) {
        byte[] all = out.toByteArray();
        assertTrue(all.length > StdinserverProtocol.BANNER_LENGTH, "banner written: " + all.length + " bytes");
        assertEquals(new String(StdinserverProtocol.ERROR, StandardCharsets.ISO_8859_1),
                new String(Arrays.copyOf(all, StdinserverProtocol.BANNER_LENGTH), StandardCharsets.ISO_8859_1));
        String detail = new String(all, StdinserverProtocol.BANNER_LENGTH, all.length - StdinserverProtocol.BANNER_LENGTH,
                StandardCharsets.UTF_8);
        assertTrue(detail.startsWith(detailPrefix) && detail.endsWith("\n") && detail.indexOf('\n') == detail.length() - 1,
                detail);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("jzrepl stdinserver: identity client1: "), err.toString());
    }

    /** Accepts one connection and reports what came in before EOF: bytes and fds. */
    private String whatTheServerGets() {
        try (AFUNIXSocket conn = server.accept()) {
            conn.setAncillaryReceiveBufferSize(StdinserverProtocol.ANCILLARY_BUFFER_SIZE);
            InputStream in = conn.getInputStream();
            byte[] bytes = in.readAllBytes();
            FileDescriptor[] fds = conn.getReceivedFileDescriptors();
            return bytes.length + " bytes, " + (fds == null ? 0 : fds.length) + " fds";
        } catch (IOException e) {
            return "server failed: " + e;
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
