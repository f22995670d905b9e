package org.jzrepl.transport.tls;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jzrepl.transport.Connecter;
import org.jzrepl.transport.Wire;
import org.jzrepl.transport.tcp.Dialer;
import org.jzrepl.transport.tcp.Refusal;
import org.jzrepl.transport.tcp.TcpAddress;

/**
 * The tls transport's active side: TCP to {@code address}, then a TLS handshake that presents
 * our {@code cert} and accepts the server only if its chain leads to our {@code ca} and its
 * certificate names {@code server_cn} (the JDK's HTTPS name check: subjectAltName, or the CN when
 * there is no DNS name, as the certificates of zrepl's recipes have both). Before handing out the
 * wire it waits for the server's first bytes, so that a server refusing our certificate or CN
 * fails the dial with a clear message. Everything within {@code dial_timeout}. Thread-safe.
 */
public final class TlsConnecter implements Connecter {
    private final TcpAddress address;
    private final String serverCn;
    private final Duration dialTimeout;
    private final TlsSettings tls;

    public TlsConnecter(TcpAddress address, String serverCn, Duration dialTimeout, TlsSettings tls) {
        this.address = Objects.requireNonNull(address, "address");
        this.serverCn = Objects.requireNonNull(serverCn, "serverCn");
        this.dialTimeout = Objects.requireNonNull(dialTimeout, "dialTimeout");
        this.tls = Objects.requireNonNull(tls, "tls");
    }

    @Override
    public Wire connect() throws IOException {
        String what = "tls server " + address + " (server_cn " + serverCn + ")";
        long deadline = System.nanoTime() + dialTimeout.toNanos();
        SocketChannel ch = Dialer.dial(address, dialTimeout, "dialing " + what);
        SSLSocket ssl = null;
        try {
            ssl = tls.wrap(ch.socket(), serverCn, true);
            SSLParameters p = ssl.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (!serverCn.matches("[0-9.]+|.*:.*")) {
                try {
                    p.setServerNames(java.util.List.of(new SNIHostName(serverCn)));
                } catch (IllegalArgumentException notAHostName) {
                    // a CN that is no DNS name: no SNI, the name check still applies
                }
            }
            ssl.setSSLParameters(p);
            ssl.setSoTimeout(remainingMillis(deadline));
            ssl.startHandshake();
            ssl.setSoTimeout(remainingMillis(deadline));
            byte[] head = Refusal.await(ssl.getInputStream(), what);
            ssl.setSoTimeout(0);
            return new TlsWire(ssl, head, () -> { });
        } catch (IOException e) {
            Dialer.closeQuietly(ssl != null ? ssl : ch);
            Dialer.closeQuietly(ch);
            throw TlsErrors.client(e, what, serverCn, dialTimeout.toSeconds() + "s", tls.ownCertificateProblem());
        }
    }

    private static int remainingMillis(long deadline) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000));
    }

    @Override
    public String toString() {
        return "tls " + address;
    }
}
