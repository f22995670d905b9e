package org.jzrepl.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** Binds the {@code global} section. */
final class GlobalBinder {
    private static final List<String> OUTLET_TYPES = List.of("stdout", "syslog", "tcp");

    private GlobalBinder() {
    }

    static GlobalConfig global(Problems p, MapView m) {
        if (m == null) {
            return GlobalConfig.DEFAULT;
        }
        int mark = p.count();
        GlobalConfig d = GlobalConfig.DEFAULT;
        List<LoggingOutlet> logging = d.logging();
        if (m.has("logging")) {
            logging = outlets(p, m);
        }
        List<GlobalConfig.Monitoring> monitoring = monitoring(p, m);
        Path control = d.controlSockpath();
        MapView c = m.map("control", false);
        if (c != null) {
            control = c.parsed("sockpath", control, GlobalBinder::absolute);
            c.finish();
        }
        Path sockdir = d.stdinserverSockdir();
        MapView s = m.map("serve", false);
        if (s != null) {
            MapView st = s.map("stdinserver", false);
            if (st != null) {
                sockdir = st.parsed("sockdir", sockdir, GlobalBinder::absolute);
                st.finish();
            }
            s.finish();
        }
        m.finish();
        List<LoggingOutlet> l = logging;
        Path ctl = control;
        Path dir = sockdir;
        return p.build(mark, m.node(), m.path(), () -> new GlobalConfig(l, monitoring, ctl, dir));
    }

    private static Path absolute(String s) {
        if (!s.startsWith("/")) {
            throw new IllegalArgumentException("'" + s + "' must be an absolute path");
        }
        return Path.of(s);
    }

    private static List<LoggingOutlet> outlets(Problems p, MapView m) {
        List<Node> items = m.list("logging", false);
        if (items == null) {
            return null;
        }
        List<LoggingOutlet> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(outlet(p, MapView.of(p, items.get(i), m.sub("logging") + "[" + i + "]")));
        }
        return out;
    }

    private static LoggingOutlet outlet(Problems p, MapView m) {
        if (m == null) {
            return null;
        }
        int mark = p.count();
        String type = Binders.type(p, m, "logging outlet", OUTLET_TYPES);
        if (type == null) {
            return null;
        }
        LoggingOutlet.Level level = m.choice("level", null, Names.spellings(LoggingOutlet.Level.class));
        LoggingOutlet.Format format = m.choice("format", null, Names.spellings(LoggingOutlet.Format.class));
        switch (type) {
            case "stdout": {
                boolean time = m.bool("time", true);
                boolean color = m.bool("color", true);
                m.finish();
                return p.build(mark, m.node(), m.path(), () -> new LoggingOutlet.Stdout(level, format, time, color));
            }
            case "syslog": {
                LoggingOutlet.Facility facility = m.choice("facility", LoggingOutlet.Facility.LOCAL0,
                        Names.spellings(LoggingOutlet.Facility.class));
                Duration retry = Binders.positiveTimeout(m, "retry_interval", LoggingOutlet.DEFAULT_RETRY_INTERVAL);
                m.finish();
                return p.build(mark, m.node(), m.path(), () -> new LoggingOutlet.Syslog(level, format, facility, retry));
            }
            default: {
                String address = m.parsed("address", null, s -> {
                    Names.checkHostPort(s);
                    return s;
                });
                String net = m.choice("net", "tcp", Map.of("tcp", "tcp", "tcp4", "tcp4", "tcp6", "tcp6"));
                Duration retry = Binders.positiveTimeout(m, "retry_interval", LoggingOutlet.DEFAULT_RETRY_INTERVAL);
                LoggingOutlet.TlsFiles tls = null;
                MapView t = m.map("tls", false);
                if (t != null) {
                    int tm = p.count();
                    Path ca = Binders.path(t, "ca");
                    Path cert = Binders.path(t, "cert");
                    Path key = Binders.path(t, "key");
                    t.finish();
                    tls = p.build(tm, t.node(), t.path(), () -> new LoggingOutlet.TlsFiles(ca, cert, key));
                }
                m.finish();
                LoggingOutlet.TlsFiles tlsFiles = tls;
                return p.build(mark, m.node(), m.path(),
                        () -> new LoggingOutlet.Tcp(level, format, address, net, retry, tlsFiles));
            }
        }
    }

    private static List<GlobalConfig.Monitoring> monitoring(Problems p, MapView m) {
        List<Node> items = m.list("monitoring", false);
        if (items == null) {
            return null;
        }
        List<GlobalConfig.Monitoring> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            MapView e = MapView.of(p, items.get(i), m.sub("monitoring") + "[" + i + "]");
            if (e == null) {
                continue;
            }
            int mark = p.count();
            if (Binders.type(p, e, "monitoring", List.of("prometheus")) == null) {
                continue;
            }
            String listen = e.parsed("listen", null, s -> {
                GlobalConfig.Monitoring.checkListen(s);
                return s;
            });
            if (listen != null && !seen.add(listen)) {
                p.error(e.get("listen"), e.sub("listen"), "'" + listen + "' is already the listen address of"
                        + " another monitoring entry");
            }
            boolean freebind = e.bool("listen_freebind", false);
            e.finish();
            out.add(p.build(mark, e.node(), e.path(), () -> new GlobalConfig.Monitoring(listen, freebind)));
        }
        return out;
    }
}
