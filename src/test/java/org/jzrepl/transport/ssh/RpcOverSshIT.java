package org.jzrepl.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.rpc.RpcClient;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcServer;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.sshd.ForcedCommand;
import org.jzrepl.testing.sshd.TestSshd;
import org.jzrepl.testing.sshd.TestStreams;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.stdinserver.StdinserverListener;

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
    static StdinserverListener listener;
    static final AtomicInteger serving = new AtomicInteger();
    static final AtomicInteger maxServing = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        sshd = TestSshd.start(tmp.resolve("sshd"));
        Path sockdir = Files.createDirectory(tmp.resolve("sock"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        sshd.authorize(ForcedCommand.shellLine(ForcedCommand.argv(sockdir, "client1")), sshd.clientPublicKey());
        listener = StdinserverListener.open(sockdir, List.of("client1"));
        Thread acceptor = new Thread(RpcOverSshIT::acceptLoop, "rpc-test-daemon");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (listener != null) {
            listener.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private static void acceptLoop() {
        while (true) {
            AuthenticatedWire aw;
            try {
                aw = listener.accept();
            } catch (IOException closed) {
                return;
            }
            Thread t = new Thread(() -> serve(aw), "rpc-test-daemon-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void serve(AuthenticatedWire aw) {
        maxServing.accumulateAndGet(serving.incrementAndGet(), Math::max);
        try {
            RpcServer.serve(RpcConnection.open(aw.wire(), RpcSettings.defaults()), WireTestEndpoint.class, new Impl(aw.clientIdentity()));
        } catch (IOException e) {
            System.err.println("test daemon: connection ended with " + e);
        } finally {
            serving.decrementAndGet();
        }
    }

    /** The passive side's implementation. */
    static final class Impl implements WireTestEndpoint {
        private final String identity;

        Impl(String identity) {
            this.identity = identity;
        }

        @Override
        public Pong ping(Ping ping) {
            return new Pong(ping.message(), identity);
        }

        @Override
        public Digest upload(InputStream data) throws IOException {
            TestStreams.Digest d = TestStreams.drain(data);
            return new Digest(d.bytes(), d.crc());
        }

        @Override
        public InputStream download(Size size) {
            return TestStreams.stream(size.bytes(), size.seed());
        }
    }

    private static RpcConnection dial(SshStdinserverConnecter c) throws IOException {
        return RpcConnection.open(c.connect(), RpcSettings.defaults());
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
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(sshd.settings())) {
            CountDownLatch allOpen = new CountDownLatch(8);
            List<Future<TestStreams.Digest>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long seed = 100 + i;
                results.add(pool.submit(() -> {
                    try (RpcConnection conn = dial(c)) {
                        WireTestEndpoint ep = RpcClient.proxy(WireTestEndpoint.class, conn);
                        allOpen.countDown();
                        assertTrue(allOpen.await(60, TimeUnit.SECONDS), "all 8 connections open at once");
                        assertEquals("client1", ep.ping(new WireTestEndpoint.Ping("p" + seed)).clientIdentity());
                        try (InputStream in = ep.download(new WireTestEndpoint.Size(64L << 20, seed))) {
                            return TestStreams.drain(in);
                        }
                    }
                }));
            }
            for (int i = 0; i < 8; i++) {
                assertEquals(TestStreams.expected(64L << 20, 100 + i), results.get(i).get(120, TimeUnit.SECONDS));
            }
            assertEquals(1, c.openSessions(), "one SSH session carried all channels");
            assertTrue(maxServing.get() >= 8, "daemon served 8 at once, max " + maxServing.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingTheConnectionEndsTheForcedCommandCleanly() throws Exception {
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(sshd.settings())) {
            SshWire wire = c.connect();
            RpcConnection conn = RpcConnection.open(wire, RpcSettings.defaults());
            RpcClient.proxy(WireTestEndpoint.class, conn).ping(new WireTestEndpoint.Ping("x"));
            conn.close();
            assertEquals(0, wire.awaitExitStatus(Duration.ofSeconds(10)).orElse(-1), "forced command exit status");
        }
    }
}
