package org.jzrepl.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jzrepl.zfs.DatasetPath;

/**
 * zrepl's {@code filesystems} filter: patterns mapped to include (true) or exclude (false).
 * {@code pool/a} matches exactly that dataset; {@code pool/a<} matches it and everything below;
 * {@code <} alone matches every dataset. For a dataset the rule with the longest path wins
 * (component-wise); on equal paths an exact rule beats a subtree rule. Unmatched datasets are
 * excluded. Rules keep their order for printing; order does not affect matching.
 */
public record FilesystemFilter(List<Rule> rules) {

    /** The filter used where zrepl defaults to {@code {"<": true}}. */
    public static final FilesystemFilter ALL = new FilesystemFilter(List.of(Rule.parse("<", true)));

    /** One pattern: {@code path} is null for the bare {@code <}. */
    public record Rule(String pattern, DatasetPath path, boolean subtree, boolean include) {
        public Rule {
            if (path == null && !subtree) {
                throw new IllegalArgumentException("an exact rule needs a dataset");
            }
            String expected = (path == null ? "" : path.name()) + (subtree ? "<" : "");
            if (!expected.equals(pattern)) {
                throw new IllegalArgumentException("pattern '" + pattern + "' does not match its parts");
            }
        }

        /** Parses {@code pool/a}, {@code pool/a<} or {@code <}. */
        public static Rule parse(String pattern, boolean include) {
            boolean subtree = pattern.endsWith("<");
            String name = subtree ? pattern.substring(0, pattern.length() - 1) : pattern;
            if (name.isEmpty()) {
                if (!subtree) {
                    throw new IllegalArgumentException("empty filesystem pattern");
                }
                return new Rule(pattern, null, true, include);
            }
            if (name.contains("<")) {
                throw new IllegalArgumentException("'<' may only end a pattern, in '" + pattern + "'");
            }
            DatasetPath path;
            try {
                path = DatasetPath.parse(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pattern '" + pattern + "': " + e.getMessage());
            }
            return new Rule(pattern, path, subtree, include);
        }

        /** -1 if the rule does not apply, else its precedence (higher wins). */
        int precedence(DatasetPath p) {
            if (subtree) {
                return path == null ? 0 : p.startsWith(path) ? 2 * path.depth() : -1;
            }
            return p.equals(path) ? 2 * path.depth() + 1 : -1;
        }
    }

    public FilesystemFilter {
        rules = List.copyOf(rules);
        Set<String> seen = new HashSet<>();
        for (Rule r : rules) {
            if (!seen.add(r.pattern())) {
                throw new IllegalArgumentException("pattern '" + r.pattern() + "' appears twice");
            }
        }
    }

    /** Builds a filter from pattern → include, in the map's iteration order. */
    public static FilesystemFilter of(Map<String, Boolean> patterns) {
        List<Rule> rules = new ArrayList<>();
        patterns.forEach((k, v) -> rules.add(Rule.parse(k, v)));
        return new FilesystemFilter(rules);
    }

    /** Whether {@code dataset} is selected. */
    public boolean matches(DatasetPath dataset) {
        int best = -1;
        boolean include = false;
        for (Rule r : rules) {
            int p = r.precedence(dataset);
            if (p > best) {
                best = p;
                include = r.include();
            }
        }
        return include;
    }

    /**
     * The datasets under which every dataset this filter can select lies: the paths of the
     * including rules, none below another. Empty when a bare {@code <} includes every pool.
     */
    public List<DatasetPath> roots() {
        List<DatasetPath> paths = new ArrayList<>();
        for (Rule r : rules) {
            if (r.include()) {
                if (r.path() == null) {
                    return List.of();
                }
                paths.add(r.path());
            }
        }
        return paths.stream().filter(p -> paths.stream().noneMatch(q -> !q.equals(p) && p.startsWith(q)))
                .distinct().sorted().toList();
    }

    /** True if no rule includes anything (the job would never touch a dataset). */
    public boolean includesNothing() {
        return rules.stream().noneMatch(Rule::include);
    }
}
