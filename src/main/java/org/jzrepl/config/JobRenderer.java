package org.jzrepl.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders jobs and their sections into ordered maps for {@link ConfigRenderer}. */
final class JobRenderer {
    private JobRenderer() {
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, Object> job(JobConfig j) {
        Map<String, Object> m = map("name", j.name(), "type", j.type());
        if (j instanceof JobConfig.Push) {
            JobConfig.Push p = (JobConfig.Push) j;
            m.put("connect", TransportRenderer.connect(p.connect()));
            m.put("filesystems", filter(p.filesystems()));
            m.put("send", send(p.send()));
            m.put("snapshotting", snapshotting(p.snapshotting()));
            m.put("pruning", map("keep_sender", rules(p.pruning().keepSender()),
                    "keep_receiver", rules(p.pruning().keepReceiver())));
            m.put("replication", replication(p.replication()));
            m.put("conflict_resolution", conflict(p.conflictResolution()));
        } else if (j instanceof JobConfig.Pull) {
            JobConfig.Pull p = (JobConfig.Pull) j;
            m.put("connect", TransportRenderer.connect(p.connect()));
            m.put("root_fs", p.rootFs().name());
            m.put("interval", p.interval().map(Durations::format).orElse("manual"));
            m.put("recv", recv(p.recv()));
            m.put("pruning", map("keep_sender", rules(p.pruning().keepSender()),
                    "keep_receiver", rules(p.pruning().keepReceiver())));
            m.put("replication", replication(p.replication()));
            m.put("conflict_resolution", conflict(p.conflictResolution()));
        } else if (j instanceof JobConfig.Sink) {
            JobConfig.Sink s = (JobConfig.Sink) j;
            m.put("serve", TransportRenderer.serve(s.serve()));
            m.put("root_fs", s.rootFs().name());
            m.put("recv", recv(s.recv()));
        } else if (j instanceof JobConfig.Source) {
            JobConfig.Source s = (JobConfig.Source) j;
            m.put("serve", TransportRenderer.serve(s.serve()));
            m.put("filesystems", filter(s.filesystems()));
            m.put("send", send(s.send()));
            m.put("snapshotting", snapshotting(s.snapshotting()));
        } else {
            JobConfig.Snap s = (JobConfig.Snap) j;
            m.put("filesystems", filter(s.filesystems()));
            m.put("snapshotting", snapshotting(s.snapshotting()));
            m.put("pruning", map("keep", rules(s.keep())));
        }
        return m;
    }

    static Map<String, Object> filter(FilesystemFilter f) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (FilesystemFilter.Rule r : f.rules()) {
            m.put(r.pattern(), r.include());
        }
        return m;
    }

    private static Map<String, Object> send(SendOptions s) {
        return map("encrypted", s.encrypted(), "raw", s.raw(), "send_properties", s.sendProperties(),
                "backup_properties", s.backupProperties(), "large_blocks", s.largeBlocks(),
                "compressed", s.compressed(), "embedded_data", s.embeddedData(), "saved", s.saved(),
                "bandwidth_limit", bandwidth(s.bandwidthLimit()));
    }

    private static Map<String, Object> recv(RecvOptions r) {
        return map("properties", map("inherit", new ArrayList<>(r.inheritProperties()),
                        "override", new LinkedHashMap<>(r.overrideProperties())),
                "safe_mount", r.safeMount(),
                "bandwidth_limit", bandwidth(r.bandwidthLimit()),
                "placeholder", map("encryption", Names.yaml(r.placeholderEncryption())));
    }

    private static Map<String, Object> bandwidth(BandwidthLimit b) {
        return map("max", b.max().map(ByteSize::format).orElse("-1 B"), "bucket_capacity", b.bucketCapacity().format());
    }

    private static Map<String, Object> conflict(ConflictResolution c) {
        return map("initial_replication", Names.yaml(c.initialReplication()),
                "unresumable_partial_receive", Names.yaml(c.unresumablePartialReceive()));
    }

    private static Map<String, Object> replication(ReplicationOptions r) {
        return map("protection", map("initial", Names.yaml(r.initialProtection()),
                        "incremental", Names.yaml(r.incrementalProtection())),
                "concurrency", map("steps", r.steps(), "size_estimates", r.sizeEstimates()),
                "timeout", map("stall", Durations.format(r.stallTimeout())));
    }

    private static Map<String, Object> snapshotting(SnapshottingConfig s) {
        if (s instanceof SnapshottingConfig.Periodic) {
            SnapshottingConfig.Periodic p = (SnapshottingConfig.Periodic) s;
            return map("type", "periodic", "prefix", p.prefix(), "interval", Durations.format(p.interval()),
                    "timestamp_format", p.timestampFormat(), "timestamp_location", p.timestampLocation(),
                    "hooks", hooks(p.hooks()));
        }
        if (s instanceof SnapshottingConfig.Cron) {
            SnapshottingConfig.Cron c = (SnapshottingConfig.Cron) s;
            return map("type", "cron", "prefix", c.prefix(), "cron", c.cron().text(),
                    "timestamp_format", c.timestampFormat(), "timestamp_location", c.timestampLocation(),
                    "hooks", hooks(c.hooks()));
        }
        return map("type", "manual");
    }

    private static List<Object> hooks(List<HookConfig> hooks) {
        List<Object> out = new ArrayList<>();
        for (HookConfig h : hooks) {
            Map<String, Object> m;
            if (h instanceof HookConfig.Command) {
                m = map("type", "command", "path", ((HookConfig.Command) h).path().toString());
            } else if (h instanceof HookConfig.PostgresCheckpoint) {
                m = map("type", "postgres-checkpoint", "dsn", ((HookConfig.PostgresCheckpoint) h).dsn());
            } else {
                m = map("type", "mysql-lock-tables", "dsn", ((HookConfig.MysqlLockTables) h).dsn());
            }
            m.put("timeout", Durations.format(h.timeout()));
            m.put("filesystems", filter(h.filesystems()));
            m.put("err_is_fatal", h.errIsFatal());
            out.add(m);
        }
        return out;
    }

    private static List<Object> rules(List<KeepRule> rules) {
        List<Object> out = new ArrayList<>();
        for (KeepRule r : rules) {
            if (r instanceof KeepRule.NotReplicated) {
                out.add(map("type", "not_replicated",
                        "keep_snapshot_at_cursor", ((KeepRule.NotReplicated) r).keepSnapshotAtCursor()));
            } else if (r instanceof KeepRule.LastN) {
                KeepRule.LastN l = (KeepRule.LastN) r;
                out.add(map("type", "last_n", "count", l.count(), "regex", l.regex()));
            } else if (r instanceof KeepRule.Regex) {
                KeepRule.Regex x = (KeepRule.Regex) r;
                out.add(map("type", "regex", "regex", x.regex(), "negate", x.negate()));
            } else {
                KeepRule.Grid g = (KeepRule.Grid) r;
                out.add(map("type", "grid", "grid", g.grid().format(), "regex", g.regex()));
            }
        }
        return out;
    }
}
