package org.jzrepl.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Binds {@code connect} and {@code serve} sections. */
final class TransportBinder {
    private static final List<String> CONNECT_TYPES = List.of("ssh+stdinserver", "tcp", "tls", "local");
    private static final List<String> SERVE_TYPES = List.of("stdinserver", "tcp", "tls", "local");

    private TransportBinder() {
    }

    static ConnectConfig connect(Problems p, MapView m) {
        if (m == null) {
            return null;
        }
        int mark = p.count();
        String type = Binders.type(p, m, "connect", CONNECT_TYPES);
        if (type == null) {
            return null;
        }
        ConnectConfig c;
        switch (type) {
            case "ssh+stdinserver": {
                String host = m.string("host");
                String user = m.string("user");
                Integer port = m.integer("port", null, 1, 65535);
                Path identity = Binders.path(m, "identity_file");
                List<String> options = sshOptions(p, m);
                Duration dial = Binders.timeout(m, "dial_timeout", ConnectConfig.DEFAULT_DIAL_TIMEOUT);
                String knownHosts = m.string("known_hosts", ConnectConfig.SshStdinserver.DEFAULT_KNOWN_HOSTS);
                m.refuse("transport_open_command", "transport_open_command is not supported by jzrepl"
                        + " (it dials with its built-in SSH client; zrepl ignores this key too)");
                m.refuse("ssh_command", "ssh_command is not supported by jzrepl"
                        + " (it dials with its built-in SSH client; zrepl ignores this key too)");
                m.finish();
                c = p.build(mark, m.node(), m.path(),
                        () -> new ConnectConfig.SshStdinserver(host, user, port, identity, options, dial, knownHosts));
                break;
            }
            case "tcp": {
                String address = m.parsed("address", null, TransportBinder::hostPort);
                Duration dial = Binders.timeout(m, "dial_timeout", ConnectConfig.DEFAULT_DIAL_TIMEOUT);
                m.finish();
                c = p.build(mark, m.node(), m.path(), () -> new ConnectConfig.Tcp(address, dial));
                break;
            }
            case "tls": {
                String address = m.parsed("address", null, TransportBinder::hostPort);
                Path ca = Binders.path(m, "ca");
                Path cert = Binders.path(m, "cert");
                Path key = Binders.path(m, "key");
                String serverCn = m.string("server_cn");
                Duration dial = Binders.timeout(m, "dial_timeout", ConnectConfig.DEFAULT_DIAL_TIMEOUT);
                m.finish();
                c = p.build(mark, m.node(), m.path(), () -> new ConnectConfig.Tls(address, ca, cert, key, serverCn, dial));
                break;
            }
            default: {
                String listener = m.string("listener_name");
                String ident = m.parsed("client_identity", null, TransportBinder::identity);
                Duration dial = Binders.timeout(m, "dial_timeout", ConnectConfig.DEFAULT_LOCAL_DIAL_TIMEOUT);
                m.finish();
                c = p.build(mark, m.node(), m.path(), () -> new ConnectConfig.Local(listener, ident, dial));
            }
        }
        return c;
    }

    static ServeConfig serve(Problems p, MapView m) {
        if (m == null) {
            return null;
        }
        int mark = p.count();
        String type = Binders.type(p, m, "serve", SERVE_TYPES);
        if (type == null) {
            return null;
        }
        switch (type) {
            case "stdinserver": {
                List<String> idents = identities(p, m, "client_identities");
                ServeLimits limits = limits(p, m);
                m.finish();
                return p.build(mark, m.node(), m.sub("client_identities"), () -> new ServeConfig.Stdinserver(idents, limits));
            }
            case "tcp": {
                String listen = m.parsed("listen", null, TransportBinder::hostPort);
                boolean freebind = m.bool("listen_freebind", false);
                Map<String, String> clients = clients(p, m);
                ServeLimits limits = limits(p, m);
                m.finish();
                return p.build(mark, m.node(), m.path(), () -> new ServeConfig.Tcp(listen, freebind, clients, limits));
            }
            case "tls": {
                String listen = m.parsed("listen", null, TransportBinder::hostPort);
                boolean freebind = m.bool("listen_freebind", false);
                Path ca = Binders.path(m, "ca");
                Path cert = Binders.path(m, "cert");
                Path key = Binders.path(m, "key");
                List<String> cns = identities(p, m, "client_cns");
                Duration hs = Binders.timeout(m, "handshake_timeout", ServeConfig.Tls.DEFAULT_HANDSHAKE_TIMEOUT);
                ServeLimits limits = limits(p, m);
                m.finish();
                return p.build(mark, m.node(), m.path(),
                        () -> new ServeConfig.Tls(listen, freebind, ca, cert, key, cns, hs, limits));
            }
            default: {
                String listener = m.string("listener_name");
                ServeLimits limits = limits(p, m);
                m.finish();
                return p.build(mark, m.node(), m.path(), () -> new ServeConfig.Local(listener, limits));
            }
        }
    }

    /** The connection caps and idle time every serve type takes; errors at the key that breaks a rule. */
    private static ServeLimits limits(Problems p, MapView m) {
        int mark = p.count();
        ServeLimits d = ServeLimits.DEFAULT;
        Integer perIdentity = m.integer("max_connections_per_identity", d.maxConnectionsPerIdentity(), 1, ServeLimits.MAX_CAP);
        Integer perJob = m.integer("max_connections", d.maxConnections(), 1, ServeLimits.MAX_CAP);
        Duration idle = m.parsed("idle_connection_timeout", d.idleConnectionTimeout(), Durations::parseFlexiblePositive);
        if (p.count() > mark) {
            return null;
        }
        String at = m.has("idle_connection_timeout") && idle.compareTo(ServeLimits.MIN_IDLE_CONNECTION_TIMEOUT) < 0
                ? "idle_connection_timeout" : m.has("max_connections_per_identity") ? "max_connections_per_identity"
                : "max_connections";
        return p.build(mark, m.has(at) ? m.get(at) : m.node(), m.sub(at),
                () -> new ServeLimits(perIdentity, perJob, idle));
    }

    /** A required non-empty list of client identities, each checked where it is written. */
    private static List<String> identities(Problems p, MapView m, String key) {
        int mark = p.count();
        List<org.yaml.snakeyaml.nodes.Node> items = m.list(key, true);
        if (items == null || p.count() > mark) {
            return null;
        }
        if (items.isEmpty()) {
            p.error(m.get(key), m.sub(key), "must name at least one client");
            return null;
        }
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String ident = YamlNodes.parsed(p, items.get(i), m.sub(key) + "[" + i + "]", TransportBinder::identity);
            if (ident != null && out.contains(ident)) {
                p.error(items.get(i), m.sub(key) + "[" + i + "]", "'" + ident + "' is listed twice");
            }
            out.add(ident);
        }
        return p.count() > mark ? null : out;
    }

    private static Map<String, String> clients(Problems p, MapView m) {
        MapView c = m.map("clients", true);
        if (c == null) {
            return null;
        }
        int mark = p.count();
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple t : c.entries()) {
            String key = YamlNodes.string(p, t.getKeyNode(), c.path());
            String path = c.path() + "[\"" + key + "\"]";
            String net = key == null ? null : YamlNodes.parsed(p, t.getKeyNode(), path, s -> {
                ClientMap.checkKey(s);
                return s;
            });
            String ident = YamlNodes.parsed(p, t.getValueNode(), path, s -> {
                if (net != null) {
                    ClientMap.checkEntry(net, s);
                }
                return s;
            });
            out.put(net, ident);
        }
        if (out.isEmpty() && p.count() == mark) {
            p.error(c.node(), c.path(), "must map at least one address to a client identity");
        }
        return p.count() > mark ? null : out;
    }

    /** {@code options}: each {@code Name=value} like OpenSSH's {@code -o}, checked where it is written. */
    private static List<String> sshOptions(Problems p, MapView m) {
        List<org.yaml.snakeyaml.nodes.Node> items = m.list("options", false);
        if (items == null) {
            return null;
        }
        int mark = p.count();
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(YamlNodes.parsed(p, items.get(i), m.sub("options") + "[" + i + "]", s -> {
                ConnectConfig.SshStdinserver.checkOption(s);
                return s;
            }));
        }
        return p.count() > mark ? null : out;
    }

    private static String hostPort(String s) {
        Names.checkHostPort(s);
        return s;
    }

    private static String identity(String s) {
        Names.checkIdentity(s);
        return s;
    }
}
