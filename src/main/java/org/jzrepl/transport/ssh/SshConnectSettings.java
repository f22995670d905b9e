package org.jzrepl.transport.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the {@code ssh+stdinserver} connecter needs, validated. Built from the job's
 * {@code connect} config (host, user, port, identity_file, known_hosts, dial_timeout, keepalive,
 * options) by {@link #withOptions}, which applies the OpenSSH-style {@code options} list on top.
 *
 * @param host name or address of the data host
 * @param user remote login; its authorized_keys holds the forced command
 * @param port TCP port, 1..65535
 * @param identityFile private key in OpenSSH or PEM format (ed25519, ecdsa, rsa), unencrypted
 * @param knownHosts OpenSSH known_hosts file (hashed entries work) checked before authenticating
 * @param strictHostKeyChecking what to do with an unknown host key
 * @param dialTimeout bound on TCP connect + key exchange + authentication + banner exchange
 * @param keepalive interval of SSH-level keepalives; {@link Duration#ZERO} turns them off
 * @param keepaliveCountMax unanswered keepalives after which the connection counts as dead
 * @param ciphers cipher names in preference order (OpenSSH spelling)
 * @param compression zlib compression of the SSH stream
 * @param command exec request sent to the server; sshd replaces it with the forced command
 */
public record SshConnectSettings(String host, String user, int port, Path identityFile, Path knownHosts,
        StrictHostKeyChecking strictHostKeyChecking, Duration dialTimeout, Duration keepalive, int keepaliveCountMax,
        List<String> ciphers, boolean compression, String command) {

    /** aes-gcm first: 4x faster than MINA's default chacha20-poly1305 on the same machine. */
    public static final List<String> DEFAULT_CIPHERS = List.of("aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
            "aes128-ctr", "aes192-ctr", "aes256-ctr", "chacha20-poly1305@openssh.com");
    public static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(15);
    public static final int DEFAULT_KEEPALIVE_COUNT_MAX = 3;
    public static final String DEFAULT_COMMAND = "jzrepl stdinserver";

    /** OpenSSH's choices for an unknown host key that jzrepl supports. A changed key is always refused. */
    public enum StrictHostKeyChecking {
        /** Refuse unknown keys; the message shows the line to add. */
        YES,
        /** Trust an unknown key on first use and append it to known_hosts. */
        ACCEPT_NEW
    }

    public SshConnectSettings {
        requireText(host, "host");
        requireText(user, "user");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        Objects.requireNonNull(identityFile, "identity_file");
        Objects.requireNonNull(knownHosts, "known_hosts");
        Objects.requireNonNull(strictHostKeyChecking, "StrictHostKeyChecking");
        if (dialTimeout == null || dialTimeout.isNegative() || dialTimeout.isZero()) {
            throw new IllegalArgumentException("dial_timeout must be positive: " + dialTimeout);
        }
        if (keepalive == null || keepalive.isNegative()) {
            throw new IllegalArgumentException("keepalive must be zero (off) or positive: " + keepalive);
        }
        if (keepaliveCountMax < 1) {
            throw new IllegalArgumentException("ServerAliveCountMax must be at least 1: " + keepaliveCountMax);
        }
        ciphers = List.copyOf(ciphers);
        if (ciphers.isEmpty()) {
            throw new IllegalArgumentException("the cipher list is empty");
        }
        requireText(command, "command");
    }

    /** Settings with the defaults for everything but the required keys. */
    public static SshConnectSettings of(String host, String user, int port, Path identityFile, Path knownHosts) {
        return new SshConnectSettings(host, user, port, identityFile, knownHosts, StrictHostKeyChecking.YES,
                DEFAULT_DIAL_TIMEOUT, DEFAULT_KEEPALIVE, DEFAULT_KEEPALIVE_COUNT_MAX, DEFAULT_CIPHERS, false, DEFAULT_COMMAND);
    }

    /**
     * Maps a job's {@code connect} of type {@code ssh+stdinserver}: the keys, then its {@code options}.
     *
     * @throws IllegalArgumentException naming the key or option that cannot be used
     */
    public static SshConnectSettings fromConfig(org.jzrepl.config.ConnectConfig.SshStdinserver c) {
        if (c.dialTimeout().isZero()) {
            throw new IllegalArgumentException("dial_timeout must be positive");
        }
        SshConnectSettings s = of(c.host(), c.user(), c.port(), c.identityFile(),
                c.knownHostsPath(Path.of(System.getProperty("user.home"))));
        return s.withDialTimeout(c.dialTimeout()).withOptions(c.options());
    }

    /** {@code ~/.ssh/known_hosts} of the user running jzrepl. */
    public static Path defaultKnownHosts() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    /**
     * Applies OpenSSH {@code -o} style options ({@code Key=Value} or {@code Key Value}).
     *
     * @throws IllegalArgumentException naming the option that is unknown, unsupported or malformed
     */
    public SshConnectSettings withOptions(List<String> options) {
        return SshOptions.apply(this, options);
    }

    public SshConnectSettings withPort(int newPort) {
        return new SshConnectSettings(host, user, newPort, identityFile, knownHosts, strictHostKeyChecking,
                dialTimeout, keepalive, keepaliveCountMax, ciphers, compression, command);
    }

    public SshConnectSettings withDialTimeout(Duration timeout) {
        return new SshConnectSettings(host, user, port, identityFile, knownHosts, strictHostKeyChecking,
                timeout, keepalive, keepaliveCountMax, ciphers, compression, command);
    }

    public SshConnectSettings withKeepalive(Duration interval) {
        return new SshConnectSettings(host, user, port, identityFile, knownHosts, strictHostKeyChecking,
                dialTimeout, interval, keepaliveCountMax, ciphers, compression, command);
    }

    /** How the remote end is named in messages and in known_hosts: {@code host} or {@code [host]:port}. */
    public String knownHostsName() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** {@code user@host:port}, for messages. */
    public String where() {
        return user + "@" + host + ":" + port;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
