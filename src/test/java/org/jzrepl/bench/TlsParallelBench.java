package org.jzrepl.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.sshd.RpcTestDaemon;
import org.jzrepl.testing.sshd.TestStreams;
import org.jzrepl.testing.tls.TestPki;
import org.jzrepl.transport.ConnectionCaps;
import org.jzrepl.transport.tcp.SocketListener;
import org.jzrepl.transport.tcp.TcpAddress;
import org.jzrepl.transport.tls.TlsConnecter;
import org.jzrepl.transport.tls.TlsListener;
import org.jzrepl.transport.tls.TlsSettings;

/**
 * {@code bench.sh parallel tls}: 1, 2 and 4 streams at once over jzrepl's tls transport (a
 * {@link TlsListener} with {@link RpcTestDaemon} in a second JVM, the daemon's; this JVM dials one
 * TLS connection and RPC connection per stream with a {@link TlsConnecter}, as a job's concurrent
 * steps do) against as many parallel {@code socat OPENSSL:} clients (OpenSSL's TLS) reading the same
 * file from a {@code socat OPENSSL-LISTEN,fork} on loopback, both with 128 KiB buffers
 * ({@code openssl s_client} is no fair baseline: it writes its output 1 KiB per system call).
 * Certificates made by openssl in the run (EC P-256, mutual authentication on both). Both sides
 * TLS 1.3 with TLS_AES_128_GCM_SHA256: the script sets {@code jdk.tls.client.cipherSuites}, the
 * daemon JVM gets {@code jdk.tls.server.cipherSuites}, the socats an {@code OPENSSL_CONF}.
 * <p>{@code TlsParallelBench WORKDIR ROUNDS BYTES}; {@code TlsParallelBench serve CA CERT KEY}
 * (the daemon JVM: prints {@code port N}, serves until its stdin ends).
 */
public final class TlsParallelBench {
    static final String SUITE = "TLS_AES_128_GCM_SHA256";
    /** OpenSSL's configuration for both socats: TLS 1.3 with {@link #SUITE} only. */
    private static final String OPENSSL_CONF = """
            openssl_conf = default_conf
            [default_conf]
            ssl_conf = ssl_sect
            [ssl_sect]
            system_default = system_default_sect
            [system_default_sect]
            MinProtocol = TLSv1.3
            Ciphersuites = TLS_AES_128_GCM_SHA256
            """;
    private static final String SERVER_CN = "bench-server";
    private static final String CLIENT_CN = "bench-client";

    private TlsParallelBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("serve")) {
            serve(TlsSettings.load(Path.of(args[1]), Path.of(args[2]), Path.of(args[3])));
        } else {
            run(Path.of(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[2]));
        }
        System.exit(0);
    }

    private static void serve(TlsSettings tls) throws IOException {
        SocketListener listener = TlsListener.open("bench", new TcpAddress("127.0.0.1", 0), tls, List.of(CLIENT_CN),
                Duration.ofSeconds(30), new ConnectionCaps("bench", 16, 16), Runners.shared());
        try (RpcTestDaemon daemon = new RpcTestDaemon(listener)) {
            System.out.println("port " + listener.localAddress().getPort());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static void run(Path work, int rounds, long size) throws Exception {
        TestPki pki = new TestPki(work);
        TestPki.Ca ca = pki.ca("bench-ca");
        TestPki.Pair server = pki.leaf(ca, SERVER_CN);
        TestPki.Pair client = pki.leaf(ca, CLIENT_CN);
        Path file = work.resolve("payload.bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            TestStreams.write(ch, size, 1);
        }
        javax.net.ssl.SSLEngine probe = SSLContext.getDefault().createSSLEngine();
        probe.setUseClientMode(true);
        System.out.println("jzrepl client cipher suites: " + String.join(",", probe.getEnabledCipherSuites()));
        Process daemon = daemon(ca, server);
        Process socat = null;
        try {
            int port = daemonPort(daemon);
            int socatPort = freePort();
            Path conf = work.resolve("openssl.cnf");
            Files.writeString(conf, OPENSSL_CONF, StandardCharsets.US_ASCII);
            socat = new ProcessBuilder("env", "OPENSSL_CONF=" + conf, "socat", "-b", "131072",
                    "OPENSSL-LISTEN:" + socatPort + ",bind=127.0.0.1,reuseaddr,fork,cert=" + server.cert() + ",key=" + server.key()
                            + ",cafile=" + ca.cert() + ",verify=1",
                    "OPEN:" + file + ",rdonly").redirectErrorStream(true).redirectOutput(work.resolve("socat.log").toFile()).start();
            awaitListening(socatPort);
            TlsConnecter jz = new TlsConnecter(new TcpAddress("127.0.0.1", port), SERVER_CN, Duration.ofSeconds(30),
                    TlsSettings.load(ca.cert(), client.cert(), client.key()));
            List<String> socatClient = List.of("env", "OPENSSL_CONF=" + conf, "socat", "-b", "131072", "-u",
                    "OPENSSL:127.0.0.1:" + socatPort + ",cafile=" + ca.cert() + ",cert=" + client.cert() + ",key=" + client.key()
                            + ",commonname=" + SERVER_CN, "STDOUT");
            System.out.println("openssl side: " + negotiated(socatClient));
            new ParallelBench("parallel-tls", "OpenSSL", size, () -> ParallelBench.rpcFile(jz, file, size),
                    () -> ParallelBench.process(socatClient, size)).run(rounds);
        } finally {
            if (socat != null) {
                socat.destroy();
            }
            daemon.getOutputStream().close();
            if (!daemon.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                daemon.destroy();
            }
        }
    }

    /** The daemon's JVM: this class path, the daemon's default collector, TLS 1.3 AES-128-GCM only. */
    private static Process daemon(TestPki.Ca ca, TestPki.Pair server) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Djdk.tls.server.cipherSuites=" + SUITE,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        String extra = System.getenv("BENCH_DAEMON_JAVA_OPTS");   // e.g. a JFR recording
        if (extra != null && !extra.isBlank()) {
            argv.addAll(List.of(extra.trim().split("\\s+")));
        }
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), TlsParallelBench.class.getName(), "serve",
                ca.cert().toString(), server.cert().toString(), server.key().toString()));
        return new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** What the socat client says it negotiated, from one connection with its notices on. */
    private static String negotiated(List<String> socatClient) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(socatClient);
        argv.add(argv.indexOf("socat") + 1, "-d");
        argv.add(argv.indexOf("socat") + 1, "-d");
        Process p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return err.lines().filter(l -> l.contains("SSL connection using") || l.contains("SSL proto"))
                .map(l -> l.replaceFirst(".* N ", "")).reduce((a, b) -> a + ", " + b).orElse("(socat did not say)");
    }

    private static int daemonPort(Process daemon) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.US_ASCII));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.matches("port [0-9]{1,5}")) {
                return Integer.parseInt(line.substring(5));
            }
            System.out.println("daemon: " + line);   // the JVM's own lines (a JFR recording's)
        }
        throw new IOException("bench daemon ended before it listened");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("socat did not listen on 127.0.0.1:" + port);
    }
}
