package org.jzrepl.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Binding helpers shared by the section binders: enum types, filters, bandwidth limits. */
final class Binders {
    private Binders() {
    }

    /** Reads {@code type} and checks it against {@code allowed}; null after an error. */
    static String type(Problems p, MapView m, String what, List<String> allowed) {
        String type = m.string("type");
        if (type == null) {
            return null;
        }
        if (!allowed.contains(type)) {
            p.error(m.get("type"), m.sub("type"), "unknown " + what + " type '" + type + "' (allowed: "
                    + String.join(", ", allowed) + ")");
            return null;
        }
        return type;
    }

    /** A {@code filesystems} filter: pattern → true|false. Null after errors. */
    static FilesystemFilter filter(Problems p, Node n, String path) {
        MapView m = MapView.of(p, n, path);
        if (m == null) {
            return null;
        }
        int mark = p.count();
        List<FilesystemFilter.Rule> rules = new ArrayList<>();
        for (NodeTuple t : m.entries()) {
            String pattern = YamlNodes.string(p, t.getKeyNode(), path);
            if (pattern == null) {
                continue;
            }
            String entryPath = path + "[\"" + pattern + "\"]";
            Boolean include = YamlNodes.bool(p, t.getValueNode(), entryPath);
            if (include == null) {
                continue;
            }
            try {
                rules.add(FilesystemFilter.Rule.parse(pattern, include));
            } catch (IllegalArgumentException e) {
                p.error(t.getKeyNode(), entryPath, e.getMessage());
            }
        }
        return p.build(mark, n, path, () -> new FilesystemFilter(rules));
    }

    /** A required {@code filesystems} key of {@code m}. */
    static FilesystemFilter filter(Problems p, MapView m, String key) {
        Node n = m.require(key);
        return n == null ? null : filter(p, n, m.sub(key));
    }

    /** {@code bandwidth_limit}; unlimited when absent. */
    static BandwidthLimit bandwidth(Problems p, MapView parent) {
        MapView m = parent.map("bandwidth_limit", false);
        if (m == null) {
            return BandwidthLimit.UNLIMITED;
        }
        int mark = p.count();
        ByteSize max = m.parsed("max", new ByteSize(-8), ByteSize::parse);
        ByteSize bucket = m.parsed("bucket_capacity", BandwidthLimit.DEFAULT_BUCKET, ByteSize::parse);
        m.finish();
        if (max != null && max.bits() == 0) {
            p.error(m.get("max"), m.sub("max"), "max must be positive, or negative (-1 B) for unlimited");
        }
        if (bucket != null && bucket.bits() <= 0) {
            p.error(m.get("bucket_capacity"), m.sub("bucket_capacity"), "must be positive, got '" + bucket + "'");
        }
        return p.build(mark, m.node(), m.path(),
                () -> new BandwidthLimit(max.isNegative() ? Optional.empty() : Optional.of(max), bucket));
    }

    /** A duration in zrepl's or Go's form that must not be negative, with a default. */
    static Duration timeout(MapView m, String key, Duration dflt) {
        return m.parsed(key, dflt, Durations::parseFlexibleNonNegative);
    }

    /** A strictly positive duration in zrepl's or Go's form, with a default. */
    static Duration positiveTimeout(MapView m, String key, Duration dflt) {
        return m.parsed(key, dflt, Durations::parseFlexiblePositive);
    }

    /** A required file path (no check that it exists: configcheck runs anywhere). */
    static java.nio.file.Path path(MapView m, String key) {
        return m.parsed(key, null, s -> {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return java.nio.file.Path.of(s);
        });
    }
}
