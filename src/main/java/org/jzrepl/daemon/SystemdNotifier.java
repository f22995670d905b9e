package org.jzrepl.daemon;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jzrepl.util.LogText;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's side of sd_notify(3), for the unit's {@code Type=notify}: {@code READY=1} once the
 * control socket and the jobs are up, so {@code systemctl start} and {@code restart} (and a
 * package upgrade) return only then and a {@code jzrepl status} right after them reaches the
 * daemon; {@code STOPPING=1} when it begins to stop. Each message is one datagram to the socket
 * {@value #ENV} names: an absolute path, or with a leading {@code @} a name in the abstract
 * namespace. Without {@value #ENV} (not started by systemd) nothing is sent. A failed send is
 * logged, never thrown: systemd then reports the start as timed out, which is the clearer error.
 */
final class SystemdNotifier {
    static final String ENV = "NOTIFY_SOCKET";
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);
    private static final int MAX_STATUS = 200;

    private final Optional<AFUNIXSocketAddress> address;

    private SystemdNotifier(Optional<AFUNIXSocketAddress> address) {
        this.address = address;
    }

    /** The notifier {@code env} asks for: none without {@value #ENV}, or with a value it cannot use. */
    static SystemdNotifier fromEnv(Map<String, String> env) {
        String v = env.get(ENV);
        if (v == null || v.isEmpty()) {
            return new SystemdNotifier(Optional.empty());
        }
        try {
            return new SystemdNotifier(Optional.of(address(v)));
        } catch (IllegalArgumentException | SocketException e) {
            LOG.warn("{} is set but unusable, systemd will not hear that the daemon is ready: {}", ENV,
                    LogText.escape(e.getMessage()));
            return new SystemdNotifier(Optional.empty());
        }
    }

    static AFUNIXSocketAddress address(String value) throws SocketException {
        if (value.startsWith("@") && value.length() > 1) {
            return AFUNIXSocketAddress.inAbstractNamespace(value.substring(1));
        }
        Path p = Path.of(value);
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("'" + value + "' is neither an absolute path nor an @abstract name");
        }
        return AFUNIXSocketAddress.of(p);
    }

    /** Whether there is a socket to notify. */
    boolean active() {
        return address.isPresent();
    }

    /** {@code READY=1} with a one-line status for {@code systemctl status}; true if sent. */
    boolean ready(String status) {
        return send("READY=1\nSTATUS=" + oneLine(status) + "\n");
    }

    /** {@code STOPPING=1}; true if sent. */
    boolean stopping() {
        return send("STOPPING=1\nSTATUS=stopping\n");
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("[\\p{Cntrl}]", " ");
        return flat.length() <= MAX_STATUS ? flat : flat.substring(0, MAX_STATUS);
    }

    private boolean send(String message) {
        if (address.isEmpty()) {
            return false;
        }
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        try (AFUNIXDatagramSocket s = AFUNIXDatagramSocket.newInstance()) {
            s.connect(address.get());
            s.send(new DatagramPacket(b, b.length));
            return true;
        } catch (IOException e) {
            LOG.warn("telling systemd {} failed: {}", message.lines().findFirst().orElse(""), LogText.escape(e.toString()));
            return false;
        }
    }
}
