package org.jzrepl.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code serve}: how a passive job (sink, source) accepts connections and learns the client
 * identity. Every type also takes the keys of {@link ServeLimits} (connection caps, idle close).
 */
public sealed interface ServeConfig {

    /** The caps and idle time of the job's connections; {@link ServeLimits#DEFAULT} when not given. */
    ServeLimits limits();

    /**
     * Whether a client could connect as {@code identity} under this config: one of the listed
     * identities or CNs, or a tcp identity whose {@code *} an address could have become. A
     * {@code local} serve names no identities of its own and admits every one.
     */
    boolean admits(String identity);

    /**
     * {@code stdinserver}: one unix socket per identity in {@code global.serve.stdinserver.sockdir};
     * sshd's forced command {@code jzrepl stdinserver IDENT} hands the connection over.
     */
    record Stdinserver(List<String> clientIdentities, ServeLimits limits) implements ServeConfig {
        public Stdinserver(List<String> clientIdentities) {
            this(clientIdentities, ServeLimits.DEFAULT);
        }

        public Stdinserver {
            Objects.requireNonNull(limits, "limits");
            clientIdentities = List.copyOf(clientIdentities);
            if (clientIdentities.isEmpty()) {
                throw new IllegalArgumentException("client_identities must name at least one client");
            }
            clientIdentities.forEach(Names::checkIdentity);
            unique(clientIdentities, "client identity");
        }

        @Override
        public boolean admits(String identity) {
            return clientIdentities.contains(identity);
        }
    }

    /**
     * {@code tcp}: listens on {@code listen}; {@code clients} maps an IP or CIDR to an identity
     * ({@link ClientMap}: longest prefix wins, the one {@code *} of a CIDR entry's identity becomes
     * the client's IP).
     */
    record Tcp(String listen, boolean listenFreebind, Map<String, String> clients, ServeLimits limits)
            implements ServeConfig {
        public Tcp(String listen, boolean listenFreebind, Map<String, String> clients) {
            this(listen, listenFreebind, clients, ServeLimits.DEFAULT);
        }

        public Tcp {
            Objects.requireNonNull(limits, "limits");
            Names.checkHostPort(listen);
            clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
            if (clients.isEmpty()) {
                throw new IllegalArgumentException("clients must map at least one address to an identity");
            }
            ClientMap.parse(clients);
        }

        @Override
        public boolean admits(String identity) {
            return clientMap().couldName(identity);
        }

        /** The parsed {@code clients}. */
        public ClientMap clientMap() {
            return ClientMap.parse(clients);
        }

        /** The identity of a client connecting from {@code address}; empty if no entry matches. */
        public java.util.Optional<String> identityFor(java.net.InetAddress address) {
            return clientMap().identityFor(address);
        }
    }

    /** {@code tls}: client certs required, identity = cert CN, which must be in {@code client_cns}; handshake_timeout 10s. */
    record Tls(String listen, boolean listenFreebind, Path ca, Path cert, Path key, List<String> clientCns,
               Duration handshakeTimeout, ServeLimits limits) implements ServeConfig {
        public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

        public Tls(String listen, boolean listenFreebind, Path ca, Path cert, Path key, List<String> clientCns,
                   Duration handshakeTimeout) {
            this(listen, listenFreebind, ca, cert, key, clientCns, handshakeTimeout, ServeLimits.DEFAULT);
        }

        public Tls {
            Objects.requireNonNull(limits, "limits");
            Names.checkHostPort(listen);
            Objects.requireNonNull(ca, "ca");
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(key, "key");
            clientCns = List.copyOf(clientCns);
            if (clientCns.isEmpty()) {
                throw new IllegalArgumentException("client_cns must name at least one client");
            }
            clientCns.forEach(Names::checkIdentity);
            unique(clientCns, "client CN");
            if (handshakeTimeout.isNegative()) {
                throw new IllegalArgumentException("handshake_timeout must not be negative");
            }
        }

        @Override
        public boolean admits(String identity) {
            return clientCns.contains(identity);
        }
    }

    /** {@code local}: accepts {@code local} connects of the same daemon naming {@code listener_name}. */
    record Local(String listenerName, ServeLimits limits) implements ServeConfig {
        public Local(String listenerName) {
            this(listenerName, ServeLimits.DEFAULT);
        }

        public Local {
            Objects.requireNonNull(limits, "limits");
            if (listenerName.isEmpty()) {
                throw new IllegalArgumentException("listener_name must not be empty");
            }
        }

        @Override
        public boolean admits(String identity) {
            return true;
        }
    }

    private static void unique(List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException(what + " '" + n + "' is listed twice");
            }
        }
    }
}
