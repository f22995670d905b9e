package org.jzrepl.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jzrepl.zfs.DatasetPath;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Binds one entry of {@code jobs} and its send, recv, replication and conflict sections. */
final class JobBinder {
    private static final List<String> TYPES = List.of("push", "pull", "sink", "source", "snap");

    private JobBinder() {
    }

    static JobConfig job(Problems p, Node n, String path) {
        MapView m = MapView.of(p, n, path);
        if (m == null) {
            return null;
        }
        int mark = p.count();
        String name = m.parsed("name", null, s -> {
            Names.checkJobName(s);
            return s;
        });
        String type = Binders.type(p, m, "job", TYPES);
        if (type == null) {
            return null;
        }
        JobConfig job;
        switch (type) {
            case "push": {
                ConnectConfig connect = TransportBinder.connect(p, m.map("connect", true));
                FilesystemFilter fs = Binders.filter(p, m, "filesystems");
                SendOptions send = send(p, m.map("send", false));
                SnapshottingConfig snap = SnapshotBinder.snapshotting(p, m.map("snapshotting", true));
                JobConfig.Pruning pruning = PruningBinder.active(p, m.map("pruning", true));
                ReplicationOptions repl = replication(p, m.map("replication", false));
                ConflictResolution conflict = conflict(p, m.map("conflict_resolution", false));
                m.finish();
                job = p.build(mark, n, path,
                        () -> new JobConfig.Push(name, connect, fs, send, snap, pruning, repl, conflict));
                break;
            }
            case "pull": {
                ConnectConfig connect = TransportBinder.connect(p, m.map("connect", true));
                DatasetPath root = m.parsed("root_fs", null, DatasetPath::parse);
                Optional<Duration> interval = m.parsed("interval", null, s -> s.equals("manual")
                        ? Optional.empty() : Optional.of(Durations.parsePositive(s)));
                RecvOptions recv = recv(p, m.map("recv", false));
                JobConfig.Pruning pruning = PruningBinder.active(p, m.map("pruning", true));
                ReplicationOptions repl = replication(p, m.map("replication", false));
                ConflictResolution conflict = conflict(p, m.map("conflict_resolution", false));
                m.finish();
                job = p.build(mark, n, path,
                        () -> new JobConfig.Pull(name, connect, root, interval, recv, pruning, repl, conflict));
                break;
            }
            case "sink": {
                ServeConfig serve = TransportBinder.serve(p, m.map("serve", true));
                DatasetPath root = m.parsed("root_fs", null, DatasetPath::parse);
                RecvOptions recv = recv(p, m.map("recv", false));
                m.finish();
                job = p.build(mark, n, path, () -> new JobConfig.Sink(name, serve, root, recv));
                break;
            }
            case "source": {
                ServeConfig serve = TransportBinder.serve(p, m.map("serve", true));
                FilesystemFilter fs = Binders.filter(p, m, "filesystems");
                SendOptions send = send(p, m.map("send", false));
                SnapshottingConfig snap = SnapshotBinder.snapshotting(p, m.map("snapshotting", true));
                m.finish();
                job = p.build(mark, n, path, () -> new JobConfig.Source(name, serve, fs, send, snap));
                break;
            }
            default: {
                FilesystemFilter fs = Binders.filter(p, m, "filesystems");
                SnapshottingConfig snap = SnapshotBinder.snapshotting(p, m.map("snapshotting", true));
                List<KeepRule> keep = PruningBinder.local(p, m.map("pruning", true));
                m.finish();
                job = p.build(mark, n, path, () -> new JobConfig.Snap(name, fs, snap, keep));
            }
        }
        return job;
    }

    private static SendOptions send(Problems p, MapView m) {
        if (m == null) {
            return SendOptions.DEFAULT;
        }
        int mark = p.count();
        boolean encrypted = m.bool("encrypted", false);
        boolean raw = m.bool("raw", false);
        boolean props = m.bool("send_properties", false);
        boolean backup = m.bool("backup_properties", false);
        boolean large = m.bool("large_blocks", false);
        boolean compressed = m.bool("compressed", false);
        boolean embedded = m.bool("embedded_data", false);
        boolean saved = m.bool("saved", false);
        BandwidthLimit bw = Binders.bandwidth(p, m);
        m.finish();
        return p.build(mark, m.node(), m.path(),
                () -> new SendOptions(encrypted, raw, props, backup, large, compressed, embedded, saved, bw));
    }

    private static RecvOptions recv(Problems p, MapView m) {
        if (m == null) {
            return RecvOptions.DEFAULT;
        }
        int mark = p.count();
        List<String> inherit = new ArrayList<>();
        Map<String, String> override = new LinkedHashMap<>();
        MapView props = m.map("properties", false);
        if (props != null) {
            List<Node> items = props.list("inherit", false);
            for (int i = 0; items != null && i < items.size(); i++) {
                inherit.add(YamlNodes.parsed(p, items.get(i), props.sub("inherit") + "[" + i + "]", JobBinder::property));
            }
            MapView ov = props.map("override", false);
            for (NodeTuple t : ov == null ? List.<NodeTuple>of() : ov.entries()) {
                String key = YamlNodes.parsed(p, t.getKeyNode(), ov.path(), JobBinder::property);
                String value = YamlNodes.string(p, t.getValueNode(), ov.path() + "[\"" + key + "\"]");
                if (key != null && inherit.contains(key)) {
                    p.error(t.getKeyNode(), ov.path() + "[\"" + key + "\"]", "property '" + key
                            + "' is both inherited and overridden");
                }
                override.put(key, value);
            }
            props.finish();
        }
        boolean safeMount = m.bool("safe_mount", RecvOptions.DEFAULT.safeMount());
        BandwidthLimit bw = Binders.bandwidth(p, m);
        MapView ph = m.map("placeholder", false);
        PlaceholderEncryption enc = PlaceholderEncryption.UNSPECIFIED;
        if (ph != null) {
            enc = ph.choice("encryption", PlaceholderEncryption.UNSPECIFIED, Names.spellings(PlaceholderEncryption.class));
            ph.finish();
        }
        PlaceholderEncryption encryption = enc;
        m.finish();
        return p.build(mark, m.node(), m.path(), () -> new RecvOptions(inherit, override, safeMount, bw,
                encryption));
    }

    private static String property(String s) {
        Names.checkProperty(s);
        return s;
    }

    private static ReplicationOptions replication(Problems p, MapView m) {
        if (m == null) {
            return ReplicationOptions.DEFAULT;
        }
        int mark = p.count();
        ReplicationOptions d = ReplicationOptions.DEFAULT;
        ProtectionGuarantee initial = d.initialProtection();
        ProtectionGuarantee incremental = d.incrementalProtection();
        MapView prot = m.map("protection", false);
        if (prot != null) {
            Map<String, ProtectionGuarantee> names = Names.spellings(ProtectionGuarantee.class);
            initial = prot.choice("initial", initial, names);
            incremental = prot.choice("incremental", incremental, names);
            prot.finish();
        }
        int steps = d.steps();
        int estimates = d.sizeEstimates();
        MapView conc = m.map("concurrency", false);
        if (conc != null) {
            Integer st = conc.integer("steps", steps, 1, 1024);
            Integer es = conc.integer("size_estimates", estimates, 1, 1024);
            steps = st == null ? steps : st;
            estimates = es == null ? estimates : es;
            conc.finish();
        }
        Duration stall = d.stallTimeout();
        MapView timeout = m.map("timeout", false);
        if (timeout != null) {
            stall = Binders.timeout(timeout, "stall", stall);
            timeout.finish();
        }
        m.finish();
        ProtectionGuarantee i = initial;
        ProtectionGuarantee inc = incremental;
        int s = steps;
        int e = estimates;
        Duration st = stall;
        return p.build(mark, m.node(), m.path(), () -> new ReplicationOptions(i, inc, s, e, st));
    }

    private static ConflictResolution conflict(Problems p, MapView m) {
        if (m == null) {
            return ConflictResolution.DEFAULT;
        }
        InitialReplication r = m.choice("initial_replication", InitialReplication.MOST_RECENT,
                Names.spellings(InitialReplication.class));
        ConflictResolution.UnresumablePartialReceive partial = m.choice("unresumable_partial_receive",
                ConflictResolution.UnresumablePartialReceive.FAIL,
                Names.spellings(ConflictResolution.UnresumablePartialReceive.class));
        m.finish();
        return r == null || partial == null ? null : new ConflictResolution(r, partial);   // null: a problem is recorded
    }
}
