package org.jzrepl.daemon.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Grafana dashboard's Prometheus queries, checked against a scrape: every metric a query names
 * is in it, with every label the query matches on or groups by, and matchers with fixed values
 * (e.g. {@code level=~'warn|error'}) select a series. Dashboard variables are replaced by the
 * values given; the labels Prometheus adds to every scraped series are taken for granted.
 */
final class DashboardQueries {
    /** Labels Prometheus adds to every scraped series itself. */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");
    private static final Pattern SELECTOR = Pattern.compile("\\b((?:j?zrepl|go)_[a-zA-Z0-9_]*)\\s*(\\{([^}]*)\\})?");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(['\"])(.*?)\\3");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z0-9_]+)[^,]*,\\s*(\\w+)\\)");

    private DashboardQueries() {
    }

    /** Every panel target's {@code expr} and every templating variable's {@code query}. */
    static List<String> of(Path dashboard) throws IOException {
        return collected(dashboard, Set.of("expr", "query"));
    }

    /** Every panel target's {@code expr}: the PromQL ones. */
    static List<String> exprs(Path dashboard) throws IOException {
        return collected(dashboard, Set.of("expr"));
    }

    private static List<String> collected(Path dashboard, Set<String> keys) throws IOException {
        JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
        Map<String, Boolean> out = new TreeMap<>();
        collect(root, keys, out);
        return List.copyOf(out.keySet());
    }

    /**
     * What does not fit the scrape, one line each (empty: all fits). Metrics in {@code notExported}
     * are not looked for; those the queries name are added to {@code absent}.
     */
    static List<String> problems(List<String> queries, Scrape scrape, Map<String, String> variables,
                                 Set<String> notExported, Set<String> absent) {
        List<String> problems = new ArrayList<>();
        for (String q : queries) {
            Set<String> grouping = new TreeSet<>();
            Matcher by = BY.matcher(q);
            while (by.find()) {
                for (String l : by.group(1).split(",")) {
                    grouping.add(l.strip());
                }
            }
            grouping.removeAll(TARGET_LABELS);
            Matcher lv = LABEL_VALUES.matcher(q);
            if (lv.find() && !TARGET_LABELS.contains(lv.group(2))) {
                grouping.add(lv.group(2));
            }
            Matcher sel = SELECTOR.matcher(LABEL_VALUES.matcher(BY.matcher(q).replaceAll("")).replaceAll("$1"));
            while (sel.find()) {
                String name = sel.group(1);
                if (notExported.contains(name)) {
                    absent.add(name);
                    continue;
                }
                List<Scrape.Sample> candidates = scrape.named(name);
                if (candidates.isEmpty()) {
                    problems.add(name + " is not in the scrape (query: " + q + ")");
                    continue;
                }
                List<Scrape.Sample> matching = new ArrayList<>(candidates);
                Matcher m = MATCHER.matcher(sel.group(3) == null ? "" : sel.group(3));
                while (m.find()) {
                    String label = m.group(1);
                    if (TARGET_LABELS.contains(label)) {
                        continue;
                    }
                    String value = substitute(m.group(4), variables);
                    matching.removeIf(s -> !matches(s.labels().get(label), m.group(2), value));
                }
                if (matching.isEmpty()) {
                    problems.add(name + ": no series matches " + sel.group(0) + " in " + candidates);
                }
                for (Scrape.Sample s : matching) {
                    if (!s.labels().keySet().containsAll(grouping)) {
                        problems.add(name + " lacks a label of " + grouping + ": " + s);
                    }
                }
            }
        }
        return problems;
    }

    /** {@code text} with each {@code $name} of {@code variables} replaced by its value. */
    static String substitute(String text, Map<String, String> variables) {
        String out = text;
        for (Map.Entry<String, String> v : variables.entrySet()) {
            out = out.replace("$" + v.getKey(), v.getValue());
        }
        return out;
    }

    private static boolean matches(String actual, String op, String value) {
        String a = actual == null ? "" : actual;
        return switch (op) {
            case "=" -> a.equals(value);
            case "!=" -> !a.equals(value);
            case "=~" -> a.matches(value);
            default -> !a.matches(value);
        };
    }

    private static void collect(JsonNode n, Set<String> keys, Map<String, Boolean> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (keys.contains(e.getKey()) && e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
                    out.put(e.getValue().asText(), true);
                } else {
                    collect(e.getValue(), keys, out);
                }
            });
        } else if (n.isArray()) {
            n.forEach(c -> collect(c, keys, out));
        }
    }
}
