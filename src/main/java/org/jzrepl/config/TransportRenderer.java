package org.jzrepl.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders {@code connect} and {@code serve} sections for {@link ConfigRenderer}. */
final class TransportRenderer {
    private TransportRenderer() {
    }

    static Map<String, Object> connect(ConnectConfig c) {
        String dial = Durations.format(c.dialTimeout());
        if (c instanceof ConnectConfig.SshStdinserver) {
            ConnectConfig.SshStdinserver s = (ConnectConfig.SshStdinserver) c;
            return JobRenderer.map("type", "ssh+stdinserver", "host", s.host(), "user", s.user(), "port", s.port(),
                    "identity_file", s.identityFile().toString(), "known_hosts", s.knownHosts(),
                    "options", new ArrayList<>(s.options()), "dial_timeout", dial);
        }
        if (c instanceof ConnectConfig.Tcp) {
            return JobRenderer.map("type", "tcp", "address", ((ConnectConfig.Tcp) c).address(), "dial_timeout", dial);
        }
        if (c instanceof ConnectConfig.Tls) {
            ConnectConfig.Tls t = (ConnectConfig.Tls) c;
            return JobRenderer.map("type", "tls", "address", t.address(), "ca", t.ca().toString(),
                    "cert", t.cert().toString(), "key", t.key().toString(), "server_cn", t.serverCn(),
                    "dial_timeout", dial);
        }
        ConnectConfig.Local l = (ConnectConfig.Local) c;
        return JobRenderer.map("type", "local", "listener_name", l.listenerName(),
                "client_identity", l.clientIdentity(), "dial_timeout", dial);
    }

    static Map<String, Object> serve(ServeConfig s) {
        Map<String, Object> m = serveType(s);
        ServeLimits l = s.limits();
        m.put("max_connections_per_identity", l.maxConnectionsPerIdentity());
        m.put("max_connections", l.maxConnections());
        m.put("idle_connection_timeout", Durations.format(l.idleConnectionTimeout()));
        return m;
    }

    private static Map<String, Object> serveType(ServeConfig s) {
        if (s instanceof ServeConfig.Stdinserver) {
            return JobRenderer.map("type", "stdinserver",
                    "client_identities", new ArrayList<>(((ServeConfig.Stdinserver) s).clientIdentities()));
        }
        if (s instanceof ServeConfig.Tcp) {
            ServeConfig.Tcp t = (ServeConfig.Tcp) s;
            return JobRenderer.map("type", "tcp", "listen", t.listen(), "listen_freebind", t.listenFreebind(),
                    "clients", new LinkedHashMap<>(t.clients()));
        }
        if (s instanceof ServeConfig.Tls) {
            ServeConfig.Tls t = (ServeConfig.Tls) s;
            return JobRenderer.map("type", "tls", "listen", t.listen(), "listen_freebind", t.listenFreebind(),
                    "ca", t.ca().toString(), "cert", t.cert().toString(), "key", t.key().toString(),
                    "client_cns", new ArrayList<>(t.clientCns()),
                    "handshake_timeout", Durations.format(t.handshakeTimeout()));
        }
        return JobRenderer.map("type", "local", "listener_name", ((ServeConfig.Local) s).listenerName());
    }
}
