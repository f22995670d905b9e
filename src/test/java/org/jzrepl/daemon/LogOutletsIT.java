package org.jzrepl.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.config.LoggingOutlet;
import org.jzrepl.util.log.LogContext;
import org.jzrepl.util.log.LogOutlet;
import org.jzrepl.util.log.Logging;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each {@code global.logging} outlet, built from its config record, delivers slf4j log calls to a
 * real receiver: stdout to the process's stdout, syslog to a unix datagram socket standing in for
 * /dev/log, tcp to a listener (plain and TLS with client certificates).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogOutletsIT {
    private static final Logger LOG = LoggerFactory.getLogger("org.jzrepl.job.ActiveJob");
    @TempDir
    Path tmp;

    @AfterEach
    void reset() {
        Logging.reset();
    }

    @Test
    void stdoutWritesHumanLinesWithTheJobAndWithoutTimeUnderSystemd() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Logging.configure(List.of(LogOutlets.of(new LoggingOutlet.Stdout(LoggingOutlet.Level.INFO,
                    LoggingOutlet.Format.HUMAN, true, false), Map.of("JOURNAL_STREAM", "8:1234"), tmp)));
            try (LogContext.Scope j = LogContext.with(LogContext.JOB, "push1")) {
                LOG.info("run {} ended", 3);
                LOG.debug("not at info");
            }
        } finally {
            System.setOut(original);
        }
        assertEquals("[INFO][push1][job]: run 3 ended\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void syslogSendsOneDatagramPerEntryWithFacilityAndSeverity() throws Exception {
        Path devLog = tmp.resolve("log.sock");
        try (AFUNIXDatagramSocket receiver = AFUNIXDatagramSocket.newInstance()) {
            receiver.bind(AFUNIXSocketAddress.of(devLog));
            receiver.setSoTimeout(10_000);
            LogOutlet syslog = LogOutlets.of(new LoggingOutlet.Syslog(LoggingOutlet.Level.INFO,
                    LoggingOutlet.Format.LOGFMT, LoggingOutlet.Facility.LOCAL3, Duration.ofSeconds(1)), Map.of(), devLog);
            Logging.configure(List.of(syslog));
            try (LogContext.Scope j = LogContext.with(LogContext.JOB, "pull1");
                 LogContext.Scope f = LogContext.with(LogContext.FILESYSTEM, "pool/a")) {
                LOG.warn("step failed: {}", "no space");
            }
            String d = receive(receiver);
            // local3 = 19; warning = 4: 19 * 8 + 4
            assertTrue(d.startsWith("<156>"), d);
            assertTrue(d.contains(" jzrepl[" + ProcessHandle.current().pid() + "]: time="), d);
            assertTrue(d.endsWith(" level=warn job=pull1 subsystem=job filesystem=pool/a msg=\"step failed: no space\""), d);
            LOG.error("second");
            assertTrue(receive(receiver).startsWith("<155>"), "error = 3");
        }
    }

    @Test
    void syslogDropsWhileTheSocketIsGoneAndSaysSoWhenItIsBack() throws Exception {
        Path devLog = tmp.resolve("late.sock");
        org.jzrepl.util.log.QueuedOutlet outlet = (org.jzrepl.util.log.QueuedOutlet) LogOutlets.of(
                new LoggingOutlet.Syslog(LoggingOutlet.Level.INFO, LoggingOutlet.Format.LOGFMT,
                        LoggingOutlet.Facility.DAEMON, Duration.ofMillis(300)), Map.of(), devLog);
        Logging.configure(List.of(outlet));
        LOG.info("lost");
        while (outlet.dropped() == 0) {
            Thread.sleep(20);
        }
        Thread.sleep(400); // past the retry interval
        try (AFUNIXDatagramSocket receiver = AFUNIXDatagramSocket.newInstance()) {
            receiver.bind(AFUNIXSocketAddress.of(devLog));
            receiver.setSoTimeout(10_000);
            LOG.info("found");
            String note = receive(receiver);
            assertTrue(note.contains("1 log entries were dropped"), note);
            assertTrue(receive(receiver).contains("msg=found"));
        }
    }

    @Test
    void tcpSendsJsonLinesToTheListener() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Logging.configure(List.of(LogOutlets.of(new LoggingOutlet.Tcp(LoggingOutlet.Level.DEBUG,
                    LoggingOutlet.Format.JSON, "127.0.0.1:" + server.getLocalPort(), "tcp4", Duration.ofSeconds(1),
                    null), Map.of(), tmp)));
            try (LogContext.Scope j = LogContext.with(LogContext.JOB, "snap1")) {
                LOG.debug("pruned {} snapshots", 2);
            }
            LOG.info("line \"two\"\nwith a newline");
            server.setSoTimeout(10_000);
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                JsonNode first = new ObjectMapper().readTree(in.readLine());
                assertEquals("debug", first.get("level").asText());
                assertEquals("snap1", first.get("job").asText());
                assertEquals("pruned 2 snapshots", first.get("msg").asText());
                assertEquals("line \"two\"\nwith a newline", new ObjectMapper().readTree(in.readLine()).get("msg").asText());
            }
        }
    }

    @Test
    void tcpWithTlsPresentsTheClientCertificateAndVerifiesTheServer() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl makes the test certificates");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=test-ca", "-keyout", "ca.key", "-out", "ca.pem");
        for (String who : new String[] {"server", "client"}) {
            openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=" + who,
                    "-keyout", who + ".key", "-out", who + ".csr");
            Files.writeString(tmp.resolve(who + ".ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
            openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-days", "2", "-extfile", who + ".ext", "-out", who + ".pem");
        }
        openssl("pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-passout", "pass:pw",
                "-out", "server.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(Files.newInputStream(tmp.resolve("server.p12")), "pw".toCharArray());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(tmp.resolve("ca.pem"))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(true);
            server.setSoTimeout(10_000);
            Logging.configure(List.of(LogOutlets.of(new LoggingOutlet.Tcp(LoggingOutlet.Level.INFO,
                    LoggingOutlet.Format.LOGFMT, "localhost:" + server.getLocalPort(), "tcp4", Duration.ofSeconds(1),
                    new LoggingOutlet.TlsFiles(tmp.resolve("ca.pem"), tmp.resolve("client.pem"),
                            tmp.resolve("client.key"))), Map.of(), tmp)));
            LOG.info("over tls");
            try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) server.accept()) {
                s.setSoTimeout(10_000);
                String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                assertTrue(line.endsWith("msg=\"over tls\""), line);
                assertEquals("CN=client", ((java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName());
            }
        }
    }

    private void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }

    private static String receive(AFUNIXDatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[16384], 16384);
        s.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }
}
