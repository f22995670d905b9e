package org.jzrepl.transport.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.rpc.RpcClient;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.sshd.ForcedCommand;
import org.jzrepl.testing.sshd.RpcTestDaemon;
import org.jzrepl.testing.sshd.TestSshd;
import org.jzrepl.testing.sshd.TestStreams;
import org.jzrepl.testing.sshd.WireTestEndpoint;
import org.jzrepl.transport.stdinserver.StdinserverListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The framed RPC, unchanged, over ssh+stdinserver wires: RpcServer on wires accepted by the
 * StdinserverListener in this JVM, RpcClient on wires dialed through OpenSSH sshd with MINA.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RpcOverSshIT {
    static final long GIB = 1L << 30;

    @TempDir
    static Path tmp;
    static TestSshd sshd;
        static RpcTestDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        Path sockdir = Files.createDirectory(tmp.resolve("sock"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        boolean production = TestSshd.etcOverlaySupported();
        sshd = production
                ? TestSshd.start(tmp.resolve("sshd"), java.util.Map.of("jzrepl/jzrepl.yml", ForcedCommand.config(sockdir)))
                : TestSshd.start(tmp.resolve("sshd"));
        sshd.authorize(ForcedCommand.shellLine(production ? ForcedCommand.productionArgv(sockdir, "client1")
                : ForcedCommand.argv(sockdir, "client1")), sshd.clientPublicKey());
        daemon = new RpcTestDaemon(StdinserverListener.open(sockdir, List.of("client1"), Runners.shared()));
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

    private static RpcConnection dial(SshStdinserverConnecter c) throws IOException {
        return RpcConnection.open(c.connect(), RpcSettings.defaults(Runners.shared()));
    }

    @Test
    void pingAnswersWithTheClientIdentity() throws Exception {
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(sshd.settings()); RpcConnection conn = dial(c)) {
            WireTestEndpoint ep = RpcClient.proxy(WireTestEndpoint.class, conn);
            assertEquals(new WireTestEndpoint.Pong("hello", "client1"), ep.ping(new WireTestEndpoint.Ping("hello")));
        }
    }

    @Test
    void oneGibibyteStreamsEachWayWithEqualChecksums() throws Exception {
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(sshd.settings()); RpcConnection conn = dial(c)) {
            WireTestEndpoint ep = RpcClient.proxy(WireTestEndpoint.class, conn);
            TestStreams.Digest expected = TestStreams.expected(GIB, 11);
            WireTestEndpoint.Digest up = ep.upload(TestStreams.stream(GIB, 11));
            assertEquals(expected, new TestStreams.Digest(up.bytes(), up.crc()), "upload");
            try (InputStream down = ep.download(new WireTestEndpoint.Size(GIB, 11))) {
                assertEquals(expected, TestStreams.drain(down), "download");
            }
        }
    }

    @Test
    void eightConcurrentConnectionsRunOnOneSshSession() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        // 8 forced-command JVMs start at once: on a loaded 2-core machine that takes a while
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(sshd.settings().withDialTimeout(Duration.ofSeconds(90)))) {
            CountDownLatch allOpen = new CountDownLatch(8);
            List<Future<TestStreams.Digest>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long seed = 100 + i;
                results.add(pool.submit(() -> {
                    try (RpcConnection conn = dial(c)) {
                        WireTestEndpoint ep = RpcClient.proxy(WireTestEndpoint.class, conn);
                        allOpen.countDown();
                        assertTrue(allOpen.await(120, TimeUnit.SECONDS), "all 8 connections open at once");
                        assertEquals("client1", ep.ping(new WireTestEndpoint.Ping("p" + seed)).clientIdentity());
                        try (InputStream in = ep.download(new WireTestEndpoint.Size(64L << 20, seed))) {
                            return TestStreams.drain(in);
                        }
                    }
                }));
            }
            for (int i = 0; i < 8; i++) {
                assertEquals(TestStreams.expected(64L << 20, 100 + i), results.get(i).get(240, TimeUnit.SECONDS));
            }
            assertEquals(1, c.openSessions(), "one SSH session carried all channels");
            assertTrue(daemon.maxServing() >= 8, "daemon served 8 at once, max " + daemon.maxServing());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingTheConnectionEndsTheForcedCommandCleanly() throws Exception {
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(sshd.settings())) {
            SshWire wire = c.connect();
            RpcConnection conn = RpcConnection.open(wire, RpcSettings.defaults(Runners.shared()));
            RpcClient.proxy(WireTestEndpoint.class, conn).ping(new WireTestEndpoint.Ping("x"));
            conn.close();
            assertEquals(0, wire.awaitExitStatus(Duration.ofSeconds(10)).orElse(-1), "forced command exit status");
        }
    }
}
