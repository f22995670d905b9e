package org.jzrepl.transport.ssh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.sshd.ForcedCommand;
import org.jzrepl.testing.sshd.LeakCheck;
import org.jzrepl.testing.sshd.RawTestDaemon;
import org.jzrepl.testing.sshd.TcpCutter;
import org.jzrepl.testing.sshd.TestSshd;
import org.jzrepl.testing.sshd.TestStreams;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.TransportException.Kind;
import org.jzrepl.transport.stdinserver.StdinserverListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole ssh+stdinserver path with real parts: MINA client → OpenSSH sshd on loopback →
 * forced command {@code jzrepl stdinserver client1} → fd hand-over → listener in this JVM.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SshStdinserverIT {
    static final long GIB = 1L << 30;
    /** dial_timeout of the negative cases: each must fail clearly within it. */
    static final Duration DIAL = Duration.ofSeconds(10);
    /** dial_timeout of the positive cases: a forced-command JVM on a loaded 2-core machine can be slow to start. */
    static final Duration SLOW_DIAL = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;
    static TestSshd sshd;
    static Path sockdir;
    static RawTestDaemon daemon;
    /** sshd sees /etc/jzrepl/jzrepl.yml, so the forced command is the production form {@code jzrepl stdinserver IDENT}. */
    static boolean production;

    @BeforeAll
    static void startSshdAndDaemon() throws Exception {
        sockdir = Files.createDirectory(tmp.resolve("sock"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        production = TestSshd.etcOverlaySupported();
        sshd = production
                ? TestSshd.start(tmp.resolve("sshd"), java.util.Map.of("jzrepl/jzrepl.yml", ForcedCommand.config(sockdir)))
                : TestSshd.start(tmp.resolve("sshd"));
        sshd.authorize(forced("client1"), sshd.clientPublicKey());
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @BeforeEach
    void daemonRunning() throws IOException {
        if (daemon == null) {
            daemon = new RawTestDaemon(StdinserverListener.open(sockdir, List.of("client1"), Runners.shared()));
        }
    }

    static String forced(String identity) {
        return ForcedCommand.shellLine(production ? ForcedCommand.productionArgv(sockdir, identity) : ForcedCommand.argv(sockdir, identity));
    }

    static SshStdinserverConnecter connecter() {
        return new SshStdinserverConnecter(sshd.settings().withDialTimeout(SLOW_DIAL));
    }

    static void send(SshWire w, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
        while (b.hasRemaining()) {
            w.out().write(b);
        }
    }

    static String readAll(ReadableByteChannel in) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096);
        while (in.read(b) >= 0) {
            if (!b.hasRemaining()) {
                break;
            }
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void pingEchoesAndEofAndExitStatusPropagate() throws Exception {
        try (SshStdinserverConnecter c = connecter(); SshWire w = c.connect()) {
            send(w, "Eping");
            w.closeWrite();
            assertEquals("ping", readAll(w.in()));
            assertEquals(0, w.awaitExitStatus(Duration.ofSeconds(10)).orElse(-1));
        }
        assertEquals("client1", daemon.lastIdentity());
        try (SshStdinserverConnecter c = connecter(); SshWire w = c.connect()) {
            send(w, "S\u0005");
            assertEquals("", readAll(w.in()), "daemon's close reaches the client as EOF");
            assertEquals(5, w.awaitExitStatus(Duration.ofSeconds(10)).orElse(-1), "daemon's status is the exit status");
        }
    }

    @Test
    void oneGibibyteEachWayArrivesIntact() throws Exception {
        try (SshStdinserverConnecter c = connecter()) {
            try (SshWire up = c.connect()) {
                send(up, "U");
                TestStreams.Digest sent = TestStreams.write(up.out(), GIB, 7);
                up.closeWrite();
                ByteBuffer answer = ByteBuffer.allocate(16);
                while (answer.hasRemaining() && up.in().read(answer) >= 0) {
                    // fill
                }
                answer.flip();
                assertEquals(new TestStreams.Digest(GIB, sent.crc()), new TestStreams.Digest(answer.getLong(), answer.getLong()));
            }
            try (SshWire down = c.connect()) {
                send(down, "D");
                down.out().write(ByteBuffer.allocate(8).putLong(GIB).flip());
                TestStreams.Digest got = TestStreams.drain(down.in());
                TestStreams.Digest expected = TestStreams.expected(GIB, RawTestDaemon.DOWNLOAD_SEED);
                assertEquals(expected, got);
            }
        }
    }

    @Test
    void eightConcurrentChannelsShareOneSession() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (SshStdinserverConnecter c = connecter()) {
            List<SshWire> wires = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                wires.add(c.connect());
            }
            assertEquals(1, c.openSessions());
            List<Future<TestStreams.Digest[]>> results = new ArrayList<>();
            for (SshWire w : wires) {
                results.add(pool.submit(() -> {
                    send(w, "E");
                    Future<TestStreams.Digest> back = Executors.newSingleThreadExecutor().submit(() -> TestStreams.drain(w.in()));
                    TestStreams.Digest sent = TestStreams.write(w.out(), 32L << 20, w.hashCode());
                    w.closeWrite();
                    return new TestStreams.Digest[] {sent, back.get(60, TimeUnit.SECONDS)};
                }));
            }
            for (Future<TestStreams.Digest[]> f : results) {
                TestStreams.Digest[] d = f.get(120, TimeUnit.SECONDS);
                assertEquals(d[0], d[1]);
            }
            assertTrue(daemon.maxActive() >= 8, "8 wires were served at once, max was " + daemon.maxActive());
            for (SshWire w : wires) {
                w.close();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ecdsa", "rsa"})
    void openSshKeyFilesOfEachTypeAuthenticate(String type) throws Exception {
        Path key = tmp.resolve("client_" + type);
        TestSshd.generateKey(key, type, "");
        sshd.authorize(forced("client1"), Path.of(key + ".pub"));
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(sshd.settings().withDialTimeout(SLOW_DIAL)
                .withOptions(List.of("IdentityFile=" + key)));
                SshWire w = c.connect()) {
            send(w, "E" + type);
            w.closeWrite();
            assertEquals(type, readAll(w.in()));
        }
    }

    @Test
    void hashedKnownHostsEntriesAreAccepted() throws Exception {
        Path hashed = tmp.resolve("known_hosts_hashed");
        Files.copy(sshd.knownHosts(), hashed);
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-H", "-f", hashed.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        assertTrue(Files.readString(hashed).startsWith("|1|"), "entry is hashed");
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(slowSettingsWithKnownHosts(hashed)); SshWire w = c.connect()) {
            send(w, "Ehashed");
            w.closeWrite();
            assertEquals("hashed", readAll(w.in()));
        }
    }

    @Test
    void acceptNewLearnsAnUnknownHostKey() throws Exception {
        Path learned = tmp.resolve("known_hosts_learned");
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(slowSettingsWithKnownHosts(learned)
                .withOptions(List.of("StrictHostKeyChecking=accept-new"))); SshWire w = c.connect()) {
            send(w, "Enew");
            w.closeWrite();
            assertEquals("new", readAll(w.in()));
        }
        String line = sshd.knownHostsLine(sshd.dir().resolve("host_ed25519.pub"));
        assertTrue(Files.readString(learned).contains(line.substring(line.indexOf(' ') + 1)), Files.readString(learned));
    }

    @Test
    void eachSessionUsesItsOwnConnectersCiphersOnTheSharedClient() throws Exception {
        try (SshStdinserverConnecter ctr = new SshStdinserverConnecter(sshd.settings().withDialTimeout(SLOW_DIAL)
                .withOptions(List.of("Ciphers=aes256-ctr")));
                SshStdinserverConnecter gcm = connecter();
                SshWire a = ctr.connect(); SshWire b = gcm.connect()) {
            assertEquals("aes256-ctr", a.negotiatedCipher());
            assertEquals("aes128-gcm@openssh.com", b.negotiatedCipher());
        }
    }

    /**
     * A dial that gives up (here: dial_timeout 2 s, the forced command answers after 4 s) closes its
     * channel on the server too: sshd closes the forced command's stdin, so it sees EOF at once, while
     * the SSH session stays open for other channels. MINA's immediate close alone sent nothing, and the
     * forced command (in production: the sink holding its pipes) waited until the session closed.
     */
    @Test
    void anAbandonedDialClosesTheForcedCommandsPipesOnTheServer() throws Exception {
        Path key = tmp.resolve("slow_ed25519");
        TestSshd.generateKey(key, "ed25519", "");
        Path marker = tmp.resolve("slow-eof");
        sshd.authorize("sleep 4; cat >/dev/null; echo eof > " + marker, Path.of(key + ".pub"));
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(sshd.settings().withDialTimeout(Duration.ofSeconds(2))
                .withOptions(List.of("IdentityFile=" + key)))) {
            TransportException e = assertThrows(TransportException.class, c::connect);
            assertEquals(Kind.UNREACHABLE, e.kind());
            assertTrue(e.getMessage().contains("within dial_timeout 2s"), e.getMessage());
            long abandonedAt = System.nanoTime();
            while (!Files.exists(marker) && System.nanoTime() - abandonedAt < 20_000_000_000L) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(marker), "the forced command's stdin reached EOF while the connecter is open");
            assertEquals(1, c.openSessions(), "only the channel was closed; the session stays for reuse");
        }
    }

    // ---- negative cases: a clear error within dial_timeout, no hang, no leaked fds or threads

    private static TransportException failsClearly(SshConnectSettings settings, Kind kind, String... fragments) throws Exception {
        LeakCheck before = LeakCheck.snapshot();
        long start = System.nanoTime();
        TransportException e;
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(settings)) {
            e = assertThrows(TransportException.class, c::connect);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(settings.dialTimeout().plusSeconds(2)) < 0, "took " + took);
        assertEquals(kind, e.kind(), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
        }
        before.assertNoLeaks(e.getMessage());
        System.out.println("[" + kind + " after " + took.toMillis() + " ms] " + e.getMessage());
        return e;
    }

    @Test
    void daemonDownIsReportedAsNotReachable() throws Exception {
        daemon.close();
        daemon = null;
        failsClearly(sshd.settings().withDialTimeout(DIAL), Kind.DAEMON_NOT_REACHABLE,
                "remote jzrepl daemon not reachable for identity client1", "not running");
    }

    @Test
    void unknownIdentityIsReportedWithItsName() throws Exception {
        Path key = tmp.resolve("other_ed25519");
        TestSshd.generateKey(key, "ed25519", "");
        // the --sockdir form of the forced command, while the others use the config
        sshd.authorize(ForcedCommand.shellLine(ForcedCommand.argv(sockdir, "client9")), Path.of(key + ".pub"));
        SshConnectSettings s = new SshConnectSettings("127.0.0.1", System.getProperty("user.name"), sshd.port(), key,
                sshd.knownHosts(), SshConnectSettings.StrictHostKeyChecking.YES, DIAL, Duration.ofSeconds(15), 3,
                SshConnectSettings.DEFAULT_CIPHERS, false, SshConnectSettings.DEFAULT_COMMAND);
        failsClearly(s, Kind.DAEMON_NOT_REACHABLE, "not reachable for identity client9", "unknown identity", "client_identities");
    }

    @Test
    void changedHostKeyIsRefusedWithTheLineToAdd() throws Exception {
        Path fakeHostKey = tmp.resolve("fake_host");
        TestSshd.generateKey(fakeHostKey, "ed25519", "");
        Path knownHosts = tmp.resolve("known_hosts_changed");
        Files.writeString(knownHosts, sshd.knownHostsLine(Path.of(fakeHostKey + ".pub")) + "\n");
        String realLine = sshd.knownHostsLine(sshd.dir().resolve("host_ed25519.pub"));
        failsClearly(settingsWithKnownHosts(knownHosts), Kind.HOST_KEY_REJECTED, "HAS CHANGED", "SHA256:", realLine);
    }

    @Test
    void unknownHostKeyIsRefusedWithTheLineToAdd() throws Exception {
        Path knownHosts = tmp.resolve("known_hosts_empty");
        Files.writeString(knownHosts, "");
        String realLine = sshd.knownHostsLine(sshd.dir().resolve("host_ed25519.pub"));
        failsClearly(settingsWithKnownHosts(knownHosts), Kind.HOST_KEY_REJECTED, "is not known", "SHA256:", realLine);
    }

    private static SshConnectSettings settingsWithKnownHosts(Path knownHosts) {
        return sshd.settings().withDialTimeout(DIAL).withOptions(List.of("UserKnownHostsFile=" + knownHosts));
    }

    private static SshConnectSettings slowSettingsWithKnownHosts(Path knownHosts) {
        return sshd.settings().withDialTimeout(SLOW_DIAL).withOptions(List.of("UserKnownHostsFile=" + knownHosts));
    }

    @Test
    void keyNotAuthorizedIsAnAuthenticationFailure() throws Exception {
        Path key = tmp.resolve("stranger_ed25519");
        TestSshd.generateKey(key, "ed25519", "");
        failsClearly(sshd.settings().withDialTimeout(DIAL).withOptions(List.of("IdentityFile=" + key)),
                Kind.AUTHENTICATION_FAILED, "did not accept the key", "authorized_keys");
    }

    @Test
    void encryptedKeyWithoutPassphraseIsRefusedBeforeDialing() throws Exception {
        Path key = tmp.resolve("encrypted_ed25519");
        TestSshd.generateKey(key, "ed25519", "secret passphrase");
        failsClearly(sshd.settings().withDialTimeout(DIAL).withOptions(List.of("IdentityFile=" + key)),
                Kind.AUTHENTICATION_FAILED, "is encrypted", "ssh-keygen -p");
    }

    @Test
    void forcedCommandThatIsNotJzreplIsAProtocolError() throws Exception {
        Path key = tmp.resolve("echo_ed25519");
        TestSshd.generateKey(key, "ed25519", "");
        sshd.authorize("/bin/echo hi", Path.of(key + ".pub"));
        failsClearly(sshd.settings().withDialTimeout(DIAL).withOptions(List.of("IdentityFile=" + key)),
                Kind.PROTOCOL, "is not jzrepl stdinserver", "\"hi\\n\" then EOF");
    }

    @Test
    void worldReadableSockdirStopsTheDaemonFromStarting() throws Exception {
        Path open = Files.createDirectory(tmp.resolve("open-sock"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        TransportException e = assertThrows(TransportException.class, () -> StdinserverListener.open(open, List.of("client1"), Runners.shared()));
        assertEquals(Kind.CONFIGURATION, e.kind());
        assertTrue(e.getMessage().contains("chmod o-rwx " + open), e.getMessage());
    }

    @Test
    void connectionCutMidStreamFailsTheReaderWithoutHanging() throws Exception {
        LeakCheck before = LeakCheck.snapshot();
        try (TcpCutter cutter = new TcpCutter(sshd.port());
                SshStdinserverConnecter c = new SshStdinserverConnecter(sshd.settings().withDialTimeout(SLOW_DIAL)
                        .withOptions(List.of("Port=" + cutter.port(), "UserKnownHostsFile=" + knownHostsFor(cutter.port()))));
                SshWire w = c.connect()) {
            send(w, "D");
            w.out().write(ByteBuffer.allocate(8).putLong(64 * GIB).flip());
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            long got = 0;
            while (got < (64L << 20)) {
                got += w.in().read(buf.clear());
            }
            long cutAt = System.nanoTime();
            cutter.cut();
            TransportException e = assertThrows(TransportException.class, () -> {
                while (w.in().read(buf.clear()) >= 0) {
                    // drain until the cut shows
                }
            });
            assertEquals(Kind.UNREACHABLE, e.kind());
            assertTrue(e.getMessage().contains("lost mid-stream"), e.getMessage());
            assertTrue(System.nanoTime() - cutAt < DIAL.toNanos(), "noticed the cut within dial_timeout");
        }
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (daemon.active() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, daemon.active(), "the daemon side ended the cut connection too");
        before.assertNoLeaks("cut connection");
    }

    @Test
    void keepalivesDetectAPeerThatVanishedSilently() throws Exception {
        LeakCheck before = LeakCheck.snapshot();
        try (TcpCutter cutter = new TcpCutter(sshd.port());
                SshStdinserverConnecter c = new SshStdinserverConnecter(sshd.settings().withDialTimeout(SLOW_DIAL)
                        .withOptions(List.of("Port=" + cutter.port(), "UserKnownHostsFile=" + knownHostsFor(cutter.port()),
                                "ServerAliveInterval=1", "ServerAliveCountMax=2")));
                SshWire w = c.connect()) {
            send(w, "E");
            cutter.freeze();
            long frozenAt = System.nanoTime();
            TransportException e = assertThrows(TransportException.class, () -> w.in().read(ByteBuffer.allocate(16)));
            assertEquals(Kind.UNREACHABLE, e.kind());
            Duration took = Duration.ofNanos(System.nanoTime() - frozenAt);
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "keepalives noticed the silent peer after " + took);
            cutter.cut();
        }
        before.assertNoLeaks("vanished peer");
    }

    private static Path knownHostsFor(int port) throws IOException {
        Path p = tmp.resolve("known_hosts_" + port);
        String[] key = Files.readString(sshd.dir().resolve("host_ed25519.pub")).strip().split("\\s+");
        Files.writeString(p, "[127.0.0.1]:" + port + " " + key[0] + " " + key[1] + "\n");
        return p;
    }
}
