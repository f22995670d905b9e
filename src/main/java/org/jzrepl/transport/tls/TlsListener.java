package org.jzrepl.transport.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.jzrepl.runtime.Task;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.ConnectionCaps;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.tcp.Dialer;
import org.jzrepl.transport.tcp.Handover;
import org.jzrepl.transport.tcp.Refusal;
import org.jzrepl.transport.tcp.SocketListener;
import org.jzrepl.transport.tcp.TcpAddress;
import org.jzrepl.util.LogText;

/**
 * The tls transport's passive side: a TLS handshake that requires a client certificate whose
 * chain leads to {@code ca}; the leaf's CN is the client identity and must be in
 * {@code client_cns}. The whole handshake is bounded by {@code handshake_timeout} (the socket is
 * closed at the deadline, so a peer trickling bytes gains nothing). A CN not in the list, or a
 * connection over a cap, is refused with a {@link Refusal} inside the TLS connection.
 */
public final class TlsListener implements Handover {
    private final String job;
    private final TlsSettings tls;
    private final Set<String> clientCns;
    private final Duration handshakeTimeout;
    private final ConnectionCaps caps;
    private final TaskRunner runner;

    private TlsListener(String job, TlsSettings tls, List<String> clientCns, Duration handshakeTimeout,
                        ConnectionCaps caps, TaskRunner runner) {
        this.job = Objects.requireNonNull(job, "job");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.clientCns = Set.copyOf(clientCns);
        this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        this.caps = Objects.requireNonNull(caps, "caps");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** Listens on {@code address} for {@code job}. */
    public static SocketListener open(String job, TcpAddress address, TlsSettings tls, List<String> clientCns,
                                      Duration handshakeTimeout, ConnectionCaps caps, TaskRunner runner)
            throws IOException {
        return SocketListener.open(address, "job " + job + " tls " + address,
                new TlsListener(job, tls, clientCns, handshakeTimeout, caps, runner), runner);
    }

    @Override
    public AuthenticatedWire authenticate(SocketChannel socket) throws IOException {
        InetSocketAddress peer = (InetSocketAddress) socket.getRemoteAddress();
        SSLSocket ssl = tls.wrap(socket.socket(), peer.getAddress().getHostAddress(), false);
        boolean handedOver = false;
        AtomicBoolean expired = new AtomicBoolean();
        Task deadline = runner.schedule("job " + job + " tls handshake deadline",
                runner.clock().instant().plus(handshakeTimeout), () -> {
                    expired.set(true);
                    Dialer.closeQuietly(ssl);
                });
        try {
            ssl.setNeedClientAuth(true);
            ssl.setSoTimeout((int) Math.max(1, handshakeTimeout.toMillis()));
            try {
                ssl.startHandshake();
            } catch (IOException e) {
                String why = expired.get() || e instanceof java.net.SocketTimeoutException
                        ? "TLS handshake not completed within handshake_timeout " + handshakeTimeout.toMillis() + " ms"
                        : "TLS handshake failed: " + e.getMessage();
                throw new TransportException(TransportException.Kind.AUTHENTICATION_FAILED, why, e);
            }
            Certificate[] chain = ssl.getSession().getPeerCertificates();
            String cn = chain.length > 0 && chain[0] instanceof X509Certificate x ? TlsSettings.commonName(x) : "";
            if (!clientCns.contains(cn)) {
                String why = "client certificate CN '" + LogText.escape(cn, 100) + "' is not in client_cns of job " + job;
                Refusal.send(ssl.getOutputStream(), false, why);
                throw new TransportException(TransportException.Kind.AUTHENTICATION_FAILED, why);
            }
            ConnectionCaps.Permit permit;
            try {
                permit = caps.acquire(cn);
            } catch (TransportException over) {
                Refusal.send(ssl.getOutputStream(), true, over.getMessage());
                throw over;
            }
            deadline.cancel();
            ssl.setSoTimeout(0);
            AuthenticatedWire w = new AuthenticatedWire(new TlsWire(ssl, new byte[0], permit::release), cn);
            handedOver = true;
            return w;
        } finally {
            deadline.cancel();
            if (!handedOver) {
                Dialer.closeQuietly(ssl);
            }
        }
    }
}
