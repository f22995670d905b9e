package org.jzrepl.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Composes YAML text into located nodes and reads scalars with located errors. Stateless. */
final class YamlNodes {
    private static final int MAX_ALIASES = 100;

    private YamlNodes() {
    }

    /** The document's root node, null if the text holds no document (errors are recorded). */
    static Node compose(Problems p, String text) {
        LoaderOptions opts = new LoaderOptions();
        opts.setMaxAliasesForCollections(MAX_ALIASES);
        opts.setAllowRecursiveKeys(false);
        try (Reader r = new StringReader(text)) {
            return new Yaml(opts).compose(r);
        } catch (MarkedYAMLException e) {
            org.yaml.snakeyaml.error.Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String msg = "YAML syntax error: " + (e.getContext() != null ? e.getContext() + ", " : "") + e.getProblem();
            if (m != null) {
                p.error(m, "", msg);
            } else {
                p.all().add(new ConfigError(p.file(), 1, 1, "", msg));
            }
        } catch (YAMLException e) {
            p.all().add(new ConfigError(p.file(), 1, 1, "", "YAML error: " + e.getMessage()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    static String kind(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(n)) {
            return "nothing";
        }
        ScalarNode s = (ScalarNode) n;
        if (s.getTag().equals(Tag.STR) && s.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN) {
            return "the quoted string '" + s.getValue() + "'";
        }
        return "'" + s.getValue() + "'";
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode && n.getTag().equals(Tag.NULL);
    }

    /** Any scalar's text (like go-yaml, numbers and booleans read as strings too). */
    static String string(Problems p, Node n, String path) {
        if (!(n instanceof ScalarNode) || isNull(n)) {
            p.error(n, path, "expected a string, got " + kind(n));
            return null;
        }
        return ((ScalarNode) n).getValue();
    }

    static Boolean bool(Problems p, Node n, String path) {
        if (n instanceof ScalarNode && n.getTag().equals(Tag.BOOL)) {
            String v = ((ScalarNode) n).getValue().toLowerCase(java.util.Locale.ROOT);
            return v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y");
        }
        p.error(n, path, "expected true or false, got " + kind(n));
        return null;
    }

    static Integer integer(Problems p, Node n, String path, long min, long max) {
        if (!(n instanceof ScalarNode) || !n.getTag().equals(Tag.INT)) {
            p.error(n, path, "expected an integer, got " + kind(n));
            return null;
        }
        String v = ((ScalarNode) n).getValue().replace("_", "");
        BigInteger b;
        try {
            b = v.startsWith("0x") ? new BigInteger(v.substring(2), 16) : new BigInteger(v);
        } catch (NumberFormatException e) {
            p.error(n, path, "expected a decimal integer, got '" + v + "'");
            return null;
        }
        if (b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0) {
            p.error(n, path, (max >= Integer.MAX_VALUE ? "must be at least " + min
                    : "must be between " + min + " and " + max) + ", got " + b);
            return null;
        }
        return b.intValue();
    }

    static <T> T parsed(Problems p, Node n, String path, Function<String, T> parser) {
        String s = string(p, n, path);
        if (s == null) {
            return null;
        }
        try {
            return parser.apply(s);
        } catch (IllegalArgumentException e) {
            p.error(n, path, e.getMessage());
            return null;
        }
    }
}
