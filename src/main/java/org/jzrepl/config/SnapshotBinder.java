package org.jzrepl.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Binds {@code snapshotting} sections and their {@code hooks}. */
final class SnapshotBinder {
    private static final List<String> TYPES = List.of("periodic", "cron", "manual");
    private static final List<String> HOOK_TYPES = List.of("command", "postgres-checkpoint", "mysql-lock-tables");

    private SnapshotBinder() {
    }

    static SnapshottingConfig snapshotting(Problems p, MapView m) {
        if (m == null) {
            return null;
        }
        int mark = p.count();
        String type = Binders.type(p, m, "snapshotting", TYPES);
        if (type == null) {
            return null;
        }
        if (type.equals("manual")) {
            m.finish();
            return p.build(mark, m.node(), m.path(), SnapshottingConfig.Manual::new);
        }
        String prefix = m.parsed("prefix", null, s -> {
            Names.checkSnapshotPrefix(s);
            return s;
        });
        Duration interval = type.equals("periodic") ? m.parsed("interval", null, Durations::parsePositive) : null;
        CronSpec cron = type.equals("cron") ? m.parsed("cron", null, CronSpec::parse) : null;
        String format = m.string("timestamp_format", SnapshottingConfig.DEFAULT_FORMAT);
        String location = m.parsed("timestamp_location", SnapshottingConfig.DEFAULT_LOCATION, s -> {
            SnapshottingConfig.zone(s);
            return s;
        });
        if (format != null) {
            Node fn = m.get("timestamp_format");
            try {
                SnapshottingConfig.checkTimestamp(format, SnapshottingConfig.DEFAULT_LOCATION);
            } catch (IllegalArgumentException e) {
                p.error(fn, m.sub("timestamp_format"), e.getMessage());
            }
        }
        List<HookConfig> hooks = hooks(p, m);
        m.finish();
        if (type.equals("periodic")) {
            return p.build(mark, m.node(), m.path(),
                    () -> new SnapshottingConfig.Periodic(prefix, interval, format, location, hooks));
        }
        return p.build(mark, m.node(), m.path(),
                () -> new SnapshottingConfig.Cron(prefix, cron, format, location, hooks));
    }

    private static List<HookConfig> hooks(Problems p, MapView m) {
        List<Node> items = m.list("hooks", false);
        if (items == null) {
            return null;
        }
        int mark = p.count();
        List<HookConfig> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(hook(p, MapView.of(p, items.get(i), m.sub("hooks") + "[" + i + "]")));
        }
        return p.count() > mark ? null : out;
    }

    private static HookConfig hook(Problems p, MapView m) {
        if (m == null) {
            return null;
        }
        int mark = p.count();
        String type = Binders.type(p, m, "hook", HOOK_TYPES);
        if (type == null) {
            return null;
        }
        boolean fatal = m.bool("err_is_fatal", false);
        if (type.equals("command")) {
            Path path = m.parsed("path", null, s -> {
                if (!s.startsWith("/")) {
                    throw new IllegalArgumentException("hook path '" + s + "' must be absolute");
                }
                return Path.of(s);
            });
            Duration timeout = Binders.positiveTimeout(m, "timeout", HookConfig.DEFAULT_TIMEOUT);
            FilesystemFilter fs = m.has("filesystems") ? Binders.filter(p, m, "filesystems") : FilesystemFilter.ALL;
            m.finish();
            return p.build(mark, m.node(), m.path(), () -> new HookConfig.Command(path, timeout, fs, fatal));
        }
        String dsn = m.string("dsn");
        Duration timeout = Binders.positiveTimeout(m, "timeout", HookConfig.DEFAULT_TIMEOUT);
        FilesystemFilter fs = Binders.filter(p, m, "filesystems");
        m.finish();
        if (type.equals("postgres-checkpoint")) {
            return p.build(mark, m.node(), m.path(), () -> new HookConfig.PostgresCheckpoint(dsn, timeout, fs, fatal));
        }
        return p.build(mark, m.node(), m.path(), () -> new HookConfig.MysqlLockTables(dsn, timeout, fs, fatal));
    }
}
