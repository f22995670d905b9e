package org.jzrepl.util.log;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The {@code tcp} outlet's connection: one line per entry, newline-terminated, to
 * {@code host:port}, over TLS when given an {@link SSLContext} (the server's name is verified
 * against its certificate). {@code net} tcp4/tcp6 restrict the address family.
 */
public final class TcpSink implements QueuedOutlet.Sink {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final int port;
    private final String net;
    private final SSLContext tls;
    private Socket socket;
    private OutputStream out;

    public TcpSink(String host, int port, String net, SSLContext tls) {
        this.host = host;
        this.port = port;
        this.net = net;
        this.tls = tls;
    }

    @Override
    public void send(LogEntry e, String line) throws IOException {
        if (socket == null) {
            connect();
        }
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void connect() throws IOException {
        InetAddress address = resolve();
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(address, port), (int) CONNECT_TIMEOUT.toMillis());
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, host, port, true);
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(p);
                ssl.startHandshake();
                s = ssl;
            }
        } catch (IOException | RuntimeException ex) {
            s.close();
            throw ex;
        }
        socket = s;
        out = s.getOutputStream();
    }

    private InetAddress resolve() throws IOException {
        for (InetAddress a : InetAddress.getAllByName(host)) {
            if (net.equals("tcp") || (net.equals("tcp4") && a instanceof Inet4Address)
                    || (net.equals("tcp6") && a instanceof Inet6Address)) {
                return a;
            }
        }
        throw new IOException("no " + net + " address for " + host);
    }

    @Override
    public void reset() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing after a failure or at the end; nothing to report
            }
            socket = null;
            out = null;
        }
    }
}
