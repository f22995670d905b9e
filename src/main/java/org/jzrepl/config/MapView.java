package org.jzrepl.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping being bound: typed accessors that record located errors instead of throwing.
 * Every key read is remembered; {@link #finish()} reports the keys nobody asked for, listing the
 * ones that were. Accessors return the default (or null) after recording an error.
 */
final class MapView {
    private final Problems problems;
    private final Node node;
    private final String path;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();
    private final Set<String> refused = new LinkedHashSet<>();

    private MapView(Problems problems, MappingNode node, String path) {
        this.problems = problems;
        this.node = node;
        this.path = path;
        collect(node, true);
    }

    /** The mapping at {@code n}, or null after an error if it is something else. */
    static MapView of(Problems p, Node n, String path) {
        if (!(n instanceof MappingNode)) {
            p.error(n, path, "expected a mapping, got " + YamlNodes.kind(n));
            return null;
        }
        return new MapView(p, (MappingNode) n, path);
    }

    private void collect(MappingNode m, boolean reportDuplicates) {
        List<Node> merges = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (k.getTag().equals(Tag.MERGE)) {
                merges.add(t.getValueNode());
                continue;
            }
            if (!(k instanceof ScalarNode)) {
                problems.error(k, path, "keys must be plain strings, got " + YamlNodes.kind(k));
                continue;
            }
            String key = ((ScalarNode) k).getValue();
            if (entries.containsKey(key)) {
                if (reportDuplicates) {
                    problems.error(k, sub(key), "duplicate key '" + key + "'");
                }
                continue;
            }
            entries.put(key, t);
        }
        for (Node merged : merges) {
            List<Node> sources = merged instanceof SequenceNode ? ((SequenceNode) merged).getValue() : List.of(merged);
            for (Node s : sources) {
                if (s instanceof MappingNode) {
                    collect((MappingNode) s, false);
                } else {
                    problems.error(s, path, "a merge key '<<' needs a mapping, got " + YamlNodes.kind(s));
                }
            }
        }
    }

    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    String sub(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The value of {@code key}, null if absent or YAML null. */
    Node get(String key) {
        known.add(key);
        NodeTuple t = entries.get(key);
        if (t == null || YamlNodes.isNull(t.getValueNode())) {
            return null;
        }
        return t.getValueNode();
    }

    boolean has(String key) {
        return get(key) != null;
    }

    /** Records "missing" for a required key; the location is the key if written empty, else the mapping. */
    void missing(String key) {
        NodeTuple t = entries.get(key);
        if (t != null) {
            problems.error(t.getValueNode(), sub(key), "must not be empty");
        } else {
            problems.error(node, sub(key), "required key is missing");
        }
    }

    /** Required value: null (and an error) if absent. */
    Node require(String key) {
        Node n = get(key);
        if (n == null) {
            missing(key);
        }
        return n;
    }

    String string(String key) {
        Node n = require(key);
        return n == null ? null : YamlNodes.string(problems, n, sub(key));
    }

    String string(String key, String dflt) {
        Node n = get(key);
        return n == null ? dflt : YamlNodes.string(problems, n, sub(key));
    }

    boolean bool(String key, boolean dflt) {
        Node n = get(key);
        if (n == null) {
            return dflt;
        }
        Boolean b = YamlNodes.bool(problems, n, sub(key));
        return b == null ? dflt : b;
    }

    /** An integer in [min, max]; {@code dflt} null means required. */
    Integer integer(String key, Integer dflt, long min, long max) {
        Node n = dflt == null ? require(key) : get(key);
        if (n == null) {
            return dflt;
        }
        return YamlNodes.integer(problems, n, sub(key), min, max);
    }

    /** A string parsed by {@code parser} (which throws IllegalArgumentException); {@code dflt} null means required. */
    <T> T parsed(String key, T dflt, Function<String, T> parser) {
        Node n = dflt == null ? require(key) : get(key);
        if (n == null) {
            return dflt;
        }
        return YamlNodes.parsed(problems, n, sub(key), parser);
    }

    /** One of {@code choices} (YAML spelling → value); {@code dflt} null means required. */
    <E> E choice(String key, E dflt, Map<String, E> choices) {
        return parsed(key, dflt, s -> {
            E e = choices.get(s);
            if (e == null) {
                throw new IllegalArgumentException("'" + s + "' is not one of " + String.join(", ", choices.keySet()));
            }
            return e;
        });
    }

    /** A nested mapping; null if absent (with an error if required) or not a mapping. */
    MapView map(String key, boolean required) {
        Node n = required ? require(key) : get(key);
        return n == null ? null : of(problems, n, sub(key));
    }

    /** Items of a list; empty if absent (with an error if required), null if not a list. */
    List<Node> list(String key, boolean required) {
        Node n = required ? require(key) : get(key);
        if (n == null) {
            return List.of();
        }
        if (!(n instanceof SequenceNode)) {
            problems.error(n, sub(key), "expected a list, got " + YamlNodes.kind(n));
            return null;
        }
        return ((SequenceNode) n).getValue();
    }

    /** A list of strings; empty if absent, null after errors. */
    List<String> strings(String key, boolean required) {
        List<Node> items = list(key, required);
        if (items == null) {
            return null;
        }
        int mark = problems.count();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(YamlNodes.string(problems, items.get(i), sub(key) + "[" + i + "]"));
        }
        return problems.count() > mark ? null : out;
    }

    /** The key nodes and values in order, for maps whose keys are data (filters, clients). */
    List<NodeTuple> entries() {
        return List.copyOf(entries.values());
    }

    /** Reports every key that no accessor asked for. */
    void finish() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!known.contains(e.getKey()) && !refused.contains(e.getKey())) {
                problems.error(e.getValue().getKeyNode(), sub(e.getKey()), "unknown key '" + e.getKey()
                        + "' (allowed: " + String.join(", ", known) + ")");
            }
        }
    }

    /** Reports {@code key} as a feature jzrepl refuses, if present. */
    void refuse(String key, String why) {
        refused.add(key);
        NodeTuple t = entries.get(key);
        if (t != null) {
            problems.error(t.getKeyNode(), sub(key), why);
        }
    }
}
