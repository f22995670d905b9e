package org.jzrepl.transport.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.config.ClientMap;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.tls.TestPki;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.Connecter;
import org.jzrepl.transport.ConnectionCaps;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.Wire;
import org.jzrepl.transport.tcp.SocketListener;
import org.jzrepl.transport.tcp.TcpAddress;
import org.jzrepl.transport.tcp.TcpConnecter;
import org.jzrepl.transport.tcp.TcpListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * tcp and tls on loopback, with certificates openssl makes: the RPC handshake runs over an
 * accepted connection, and every refusal says why on both sides (the client's exception, the
 * listener's last refusal). No ZFS.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TcpTlsRefusalTest {
    private static final TcpAddress ANY_PORT = new TcpAddress("127.0.0.1", 0);
    private static final Duration DIAL = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    static TestPki.Ca ca;
    static TestPki.Ca otherCa;
    static TestPki.Pair server;
    static TestPki.Pair laptop;
    static TestPki.Pair mallory;
    static TestPki.Pair stranger;
    static TestPki.Pair expired;

    private SocketListener listener;

    @BeforeAll
    static void certificates() throws IOException {
        assumeTrue(TestPki.available(), "openssl is not installed");
        TestPki pki = new TestPki(dir);
        ca = pki.ca("ca");
        otherCa = pki.ca("otherca");
        server = pki.leaf(ca, "backups.example");
        laptop = pki.leaf(ca, "laptop");
        mallory = pki.leaf(ca, "mallory");
        stranger = pki.leaf(otherCa, "laptop");
        expired = pki.leaf(ca, "laptop", -1);
    }

    @AfterEach
    void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    private SocketListener tls(Duration handshake) throws IOException {
        listener = TlsListener.open("sink1", ANY_PORT, TlsSettings.load(ca.cert(), server.cert(), server.key()),
                List.of("laptop"), handshake, new ConnectionCaps("sink1", 4, 8), Runners.shared());
        return listener;
    }

    private SocketListener tcp(Map<String, String> clients) throws IOException {
        ClientMap map = ClientMap.parse(clients);
        listener = TcpListener.open("sink1", ANY_PORT, map::identityFor, new ConnectionCaps("sink1", 4, 8),
                Runners.shared());
        return listener;
    }

    private TcpAddress bound() throws IOException {
        return new TcpAddress("127.0.0.1", listener.localAddress().getPort());
    }

    private Connecter tlsClient(TestPki.Pair me, String serverCn) throws IOException {
        return new TlsConnecter(bound(), serverCn, DIAL, TlsSettings.load(ca.cert(), me.cert(), me.key()));
    }

    /** Accepts one wire and runs the server's side of the RPC handshake on it. */
    private CompletableFuture<String> serveOne() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                AuthenticatedWire w = listener.accept();
                RpcConnection.open(w.wire(), RpcSettings.defaults(Runners.shared())).close();
                return w.clientIdentity();
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    private static void rpcHandshake(Wire w) throws IOException {
        RpcConnection.open(w, RpcSettings.defaults(Runners.shared())).close();
    }

    @Test
    void tcpRunsTheRpcAndNamesTheClientByItsAddress() throws Exception {
        tcp(Map.of("127.0.0.0/8", "local-*"));
        CompletableFuture<String> served = serveOne();
        rpcHandshake(new TcpConnecter(bound(), DIAL).connect());
        assertEquals("local-127.0.0.1", served.get(30, TimeUnit.SECONDS));
    }

    @Test
    void tcpRefusesAnAddressNotInClients() throws Exception {
        tcp(Map.of("10.0.0.0/8", "lan-*"));
        TransportException e = assertThrows(TransportException.class, () -> new TcpConnecter(bound(), DIAL).connect());
        assertEquals(TransportException.Kind.AUTHENTICATION_FAILED, e.kind());
        assertEquals("tcp server 127.0.0.1:" + bound().port() + " refused the connection: client address 127.0.0.1"
                + " is not in serve.clients of job sink1", e.getMessage());
        awaitRefusal("client address 127.0.0.1 is not in serve.clients of job sink1");
    }

    @Test
    void tlsRunsTheRpcAndTheIdentityIsTheClientCn() throws Exception {
        tls(Duration.ofSeconds(10));
        CompletableFuture<String> served = serveOne();
        rpcHandshake(tlsClient(laptop, "backups.example").connect());
        assertEquals("laptop", served.get(30, TimeUnit.SECONDS));
    }

    @Test
    void tlsRefusesAServerWhoseCertificateNamesAnotherServerCn() throws Exception {
        tls(Duration.ofSeconds(10));
        TransportException e = assertThrows(TransportException.class,
                () -> tlsClient(laptop, "other.example").connect());
        assertEquals(TransportException.Kind.HOST_KEY_REJECTED, e.kind());
        assertTrue(e.getMessage().contains("presented a certificate for another name than server_cn 'other.example'"),
                e.getMessage());
        awaitRefusal("TLS handshake failed");
    }

    @Test
    void tlsRefusesACnNotInClientCns() throws Exception {
        tls(Duration.ofSeconds(10));
        TransportException e = assertThrows(TransportException.class,
                () -> tlsClient(mallory, "backups.example").connect());
        assertEquals(TransportException.Kind.AUTHENTICATION_FAILED, e.kind());
        assertTrue(e.getMessage().endsWith("refused the connection: client certificate CN 'mallory' is not in"
                + " client_cns of job sink1"), e.getMessage());
        awaitRefusal("client certificate CN 'mallory' is not in client_cns of job sink1");
    }

    @Test
    void tlsRefusesAClientCertificateFromAnotherCa() throws Exception {
        tls(Duration.ofSeconds(10));
        Connecter c = new TlsConnecter(bound(), "backups.example", DIAL,
                TlsSettings.load(ca.cert(), stranger.cert(), stranger.key()));
        TransportException e = assertThrows(TransportException.class, c::connect);
        assertEquals(TransportException.Kind.AUTHENTICATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("refused our certificate: its ca does not trust our certificate"),
                e.getMessage());
        awaitRefusal("TLS handshake failed");
    }

    @Test
    void tlsRefusesAServerCertificateFromAnotherCa() throws Exception {
        tls(Duration.ofSeconds(10));
        Connecter c = new TlsConnecter(bound(), "backups.example", DIAL,
                TlsSettings.load(otherCa.cert(), laptop.cert(), laptop.key()));
        TransportException e = assertThrows(TransportException.class, c::connect);
        assertEquals(TransportException.Kind.HOST_KEY_REJECTED, e.kind());
        assertTrue(e.getMessage().contains("presented a certificate that our ca does not trust"), e.getMessage());
    }

    @Test
    void tlsRefusesAnExpiredClientCertificate() throws Exception {
        tls(Duration.ofSeconds(10));
        TransportException e = assertThrows(TransportException.class, () -> tlsClient(expired, "backups.example").connect());
        assertEquals(TransportException.Kind.AUTHENTICATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("refused our certificate: our certificate (cert " + expired.cert()
                + ") expired at "), e.getMessage());
        awaitRefusal("TLS handshake failed");
        assertTrue(listener.lastRefusal().contains("validity check failed"), listener.lastRefusal());
    }

    @Test
    void aPlainTcpClientAtATlsPortIsDroppedAfterTheHandshakeTimeout() throws Exception {
        tls(Duration.ofMillis(500));
        TransportException e = assertThrows(TransportException.class, () -> new TcpConnecter(bound(), DIAL).connect());
        assertEquals(TransportException.Kind.PROTOCOL, e.kind());
        assertTrue(e.getMessage().contains("answered in TLS: it is a tls serve (use connect type tls)")
                || e.getMessage().contains("closed the connection before saying anything"), e.getMessage());
        awaitRefusal("TLS handshake not completed within handshake_timeout 500 ms");
    }

    @Test
    void aTlsClientAtATcpPortFailsOnBothSidesSayingWhy() throws Exception {
        tcp(Map.of("127.0.0.1", "laptop"));
        CompletableFuture<Throwable> server = CompletableFuture.supplyAsync(() -> {
            try {
                rpcHandshake(listener.accept().wire());
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        TransportException e = assertThrows(TransportException.class, () -> tlsClient(laptop, "backups.example").connect());
        assertEquals(TransportException.Kind.PROTOCOL, e.kind());
        assertTrue(e.getMessage().contains("does not speak TLS (is it a tcp serve?)"), e.getMessage());
        Throwable s = server.get(30, TimeUnit.SECONDS);
        assertTrue(s instanceof ProtocolException && s.getMessage().contains("a TLS handshake: the peer dials with"
                + " tls, this side serves plain tcp"), String.valueOf(s));
    }

    @Test
    void anUnusableTcpAddressMapEntryNeverMatches() throws Exception {
        assertEquals(Optional.empty(), ClientMap.parse(Map.of("10.0.0.1", "x")).identityFor(InetAddress.getLoopbackAddress()));
    }

    /** The listener refuses on its own task: wait (bounded) until it has. */
    private void awaitRefusal(String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end && (listener.lastRefusal() == null || !listener.lastRefusal().contains(text))) {
            Thread.sleep(20);
        }
        assertTrue(listener.lastRefusal() != null && listener.lastRefusal().contains(text),
                "listener's last refusal: " + listener.lastRefusal());
    }
}
