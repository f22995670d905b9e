package org.jzrepl.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Binds {@code pruning} sections and keep rules. */
final class PruningBinder {
    private static final List<String> TYPES = List.of("not_replicated", "last_n", "regex", "grid");

    private PruningBinder() {
    }

    /** {@code pruning: {keep_sender, keep_receiver}} of push and pull jobs. */
    static JobConfig.Pruning active(Problems p, MapView m) {
        if (m == null) {
            return null;
        }
        int mark = p.count();
        List<KeepRule> sender = rules(p, m, "keep_sender", null);
        List<KeepRule> receiver = rules(p, m, "keep_receiver", "not_replicated is only valid in keep_sender"
                + " (the receiver has nothing left to replicate)");
        m.finish();
        return p.build(mark, m.node(), m.path(), () -> new JobConfig.Pruning(sender, receiver));
    }

    /** {@code pruning: {keep}} of snap jobs. */
    static List<KeepRule> local(Problems p, MapView m) {
        if (m == null) {
            return null;
        }
        List<KeepRule> keep = rules(p, m, "keep", "not_replicated is not valid in a snap job (it never replicates)");
        m.finish();
        return keep;
    }

    /** A required list of rules; {@code notReplicatedError} non-null forbids not_replicated. */
    private static List<KeepRule> rules(Problems p, MapView m, String key, String notReplicatedError) {
        List<Node> items = m.list(key, true);
        if (items == null) {
            return null;
        }
        int mark = p.count();
        List<KeepRule> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(rule(p, MapView.of(p, items.get(i), m.sub(key) + "[" + i + "]"), notReplicatedError));
        }
        return p.count() > mark ? null : out;
    }

    private static KeepRule rule(Problems p, MapView m, String notReplicatedError) {
        if (m == null) {
            return null;
        }
        int mark = p.count();
        String type = Binders.type(p, m, "keep rule", TYPES);
        if (type == null) {
            return null;
        }
        switch (type) {
            case "not_replicated": {
                if (notReplicatedError != null) {
                    p.error(m.get("type"), m.sub("type"), notReplicatedError);
                    return null;
                }
                boolean atCursor = m.bool("keep_snapshot_at_cursor", true);
                m.finish();
                return p.build(mark, m.node(), m.path(), () -> new KeepRule.NotReplicated(atCursor));
            }
            case "last_n": {
                Integer count = m.integer("count", null, 1, Integer.MAX_VALUE);
                String regex = regex(m, ".*");
                m.finish();
                return p.build(mark, m.node(), m.path(), () -> new KeepRule.LastN(count, regex));
            }
            case "regex": {
                String regex = regex(m, null);
                boolean negate = m.bool("negate", false);
                m.finish();
                return p.build(mark, m.node(), m.path(), () -> new KeepRule.Regex(regex, negate));
            }
            default: {
                GridSpec grid = m.parsed("grid", null, GridSpec::parse);
                String regex = regex(m, null);
                m.finish();
                return p.build(mark, m.node(), m.path(), () -> new KeepRule.Grid(grid, regex));
            }
        }
    }

    private static String regex(MapView m, String dflt) {
        return m.parsed("regex", dflt, s -> {
            KeepRule.compile(s);
            return s;
        });
    }
}
