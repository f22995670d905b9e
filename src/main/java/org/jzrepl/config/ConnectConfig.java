package org.jzrepl.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** {@code connect}: how an active job (push, pull) reaches its passive peer. */
public sealed interface ConnectConfig {
    Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(10);
    Duration DEFAULT_LOCAL_DIAL_TIMEOUT = Duration.ofSeconds(2);

    Duration dialTimeout();

    /**
     * {@code ssh+stdinserver}: SSH to {@code user@host:port} with {@code identity_file}; the remote
     * forced command is {@code jzrepl stdinserver IDENT}. {@code options} are OpenSSH
     * {@code -o Name=value} options, {@code dial_timeout} defaults to 10s. jzrepl's own
     * {@code known_hosts} (default {@code ~/.ssh/known_hosts}, {@code ~/} being the daemon user's
     * home) is checked strictly: an unknown host key fails the connection.
     */
    record SshStdinserver(String host, String user, int port, Path identityFile, List<String> options,
                          Duration dialTimeout, String knownHosts) implements ConnectConfig {
        public static final String DEFAULT_KNOWN_HOSTS = "~/.ssh/known_hosts";

        public SshStdinserver {
            if (host.isBlank() || user.isBlank()) {
                throw new IllegalArgumentException("host and user must not be empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1-65535, got " + port);
            }
            options = List.copyOf(options);
            options.forEach(SshStdinserver::checkOption);
            checkTimeout(dialTimeout);
            Objects.requireNonNull(identityFile, "identityFile");
            Objects.requireNonNull(knownHosts, "knownHosts");
        }

        /** An OpenSSH {@code -o} option: {@code Name=value} or {@code Name value}. */
        public static void checkOption(String o) {
            if (!o.matches("[A-Za-z][A-Za-z0-9]*\\s*(=|\\s)\\s*\\S.*")) {
                throw new IllegalArgumentException("ssh option '" + o + "' is not Name=value (e.g. Compression=yes)");
            }
        }

        /** {@link #knownHosts()} with a leading {@code ~/} resolved against {@code home}. */
        public Path knownHostsPath(Path home) {
            return knownHosts.startsWith("~/") ? home.resolve(knownHosts.substring(2)) : Path.of(knownHosts);
        }
    }

    /** {@code tcp}: plain TCP to {@code address} (host:port); dial_timeout defaults to 10s. */
    record Tcp(String address, Duration dialTimeout) implements ConnectConfig {
        public Tcp {
            Names.checkHostPort(address);
            checkTimeout(dialTimeout);
        }
    }

    /** {@code tls}: TLS to {@code address}, verifying the server cert against {@code ca} and {@code server_cn}. */
    record Tls(String address, Path ca, Path cert, Path key, String serverCn, Duration dialTimeout)
            implements ConnectConfig {
        public Tls {
            Names.checkHostPort(address);
            Objects.requireNonNull(ca, "ca");
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(serverCn, "serverCn");
            checkTimeout(dialTimeout);
        }
    }

    /** {@code local}: to a {@code local} serve of the same daemon; dial_timeout defaults to 2s. */
    record Local(String listenerName, String clientIdentity, Duration dialTimeout) implements ConnectConfig {
        public Local {
            if (listenerName.isEmpty()) {
                throw new IllegalArgumentException("listener_name must not be empty");
            }
            Names.checkIdentity(clientIdentity);
            checkTimeout(dialTimeout);
        }
    }

    private static void checkTimeout(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("dial_timeout must not be negative");
        }
    }
}
