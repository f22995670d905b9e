package org.jzrepl.transport.tcp;

import java.net.InetSocketAddress;

/**
 * {@code host:port} as the tcp and tls sections write it ({@code :8888}, {@code 10.0.0.1:8888},
 * {@code [::1]:8888}, {@code backup.example.com:8888}). Parsing never resolves a name; a name is
 * resolved at each dial, so a changed DNS entry takes effect without a restart.
 */
public record TcpAddress(String host, int port) {

    public TcpAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
        }
    }

    /** Parses {@code host:port}; the port must be a number (service names are not looked up). */
    public static TcpAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + text + "' is not host:port");
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("port '" + port + "' in '" + text + "' is not a number"
                    + " (jzrepl does not look up service names)");
        }
        return new TcpAddress(host, Integer.parseInt(port));
    }

    /** Where to listen: an empty host is every local address. */
    public InetSocketAddress listenAddress() {
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** Where to dial, resolved now; unresolved if the name does not resolve (the dial then fails). */
    public InetSocketAddress dialAddress() {
        return new InetSocketAddress(host.isEmpty() ? "localhost" : host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
