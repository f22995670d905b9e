package org.jzrepl.daemon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The example alerting rules in {@code packaging/prometheus} fit what the daemon exports: every
 * jzrepl or zrepl metric a rule's expression names is in a scrape, a fixed label matcher selects
 * a series, and every label an annotation prints is there to print. And the promtool tests that
 * {@code PromtoolIT} runs make each rule fire at least once.
 */
class AlertRulesTest {
    static final Path RULES = Path.of("packaging/prometheus/jzrepl-alerts.yml");
    static final Path RULE_TESTS = Path.of("src/test/resources/prometheus/jzrepl-alerts.test.yml");
    private static final Pattern METRIC = Pattern.compile("\\b(j?zrepl_[a-z0-9_]+)\\s*(\\{([^}]*)\\})?");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");
    private static final Pattern PRINTED_LABEL = Pattern.compile("\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyRuleFindsItsSeriesAndTheLabelsItPrints() throws Exception {
        Scrape scrape = Scrape.parse(troubledDaemon().scrape());
        List<JsonNode> rules = rules();
        assertTrue(rules.size() >= 8, "the rules were found: " + rules.size());
        List<String> problems = new ArrayList<>();
        for (JsonNode rule : rules) {
            String name = rule.path("alert").asText();
            String expr = rule.path("expr").asText();
            Set<String> available = new TreeSet<>(DashboardQueries.TARGET_LABELS);
            Matcher by = BY.matcher(expr);
            boolean aggregated = by.find();
            if (aggregated) {
                for (String l : by.group(1).split(",")) {
                    available.add(l.strip());
                }
            }
            Matcher m = METRIC.matcher(BY.matcher(expr).replaceAll(""));
            while (m.find()) {
                List<Scrape.Sample> series = new ArrayList<>(scrape.named(m.group(1)));
                if (series.isEmpty()) {
                    problems.add(name + ": " + m.group(1) + " is not in the scrape");
                    continue;
                }
                Matcher eq = MATCHER.matcher(m.group(3) == null ? "" : m.group(3));
                while (eq.find()) {
                    String label = eq.group(1);
                    String value = eq.group(2);
                    series.removeIf(s -> !value.equals(s.labels().get(label)));
                }
                if (series.isEmpty()) {
                    problems.add(name + ": no series matches " + m.group(0));
                } else if (!aggregated) {
                    available.addAll(series.get(0).labels().keySet());
                }
            }
            Matcher printed = PRINTED_LABEL.matcher(rule.path("annotations").toString());
            while (printed.find()) {
                if (!available.contains(printed.group(1))) {
                    problems.add(name + ": prints $labels." + printed.group(1) + ", not among " + available);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void thePromtoolTestsMakeEveryRuleFire() throws Exception {
        Set<String> alerts = new TreeSet<>();
        for (JsonNode rule : rules()) {
            alerts.add(rule.path("alert").asText());
        }
        Set<String> firing = new TreeSet<>();
        for (JsonNode test : YAML.readTree(RULE_TESTS.toFile()).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                if (!check.path("exp_alerts").isEmpty()) {
                    firing.add(check.path("alertname").asText());
                }
            }
        }
        assertEquals(alerts, firing);
    }

    static List<JsonNode> rules() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
            group.path("rules").forEach(out::add);
        }
        return out;
    }

    /** A daemon whose push job has a series of every per-dataset metric, and an error logged. */
    static DaemonMetrics troubledDaemon() throws Exception {
        Clock clock = Clock.fixed(Instant.parse(Reports.T0), ZoneOffset.UTC);
        DaemonMetrics m = DaemonMetrics.create("t", clock, Duration.ofMinutes(5));
        m.serve(() -> List.of(Reports.troubledPush()), List.of());
        m.logEntry("push1", "error");
        m.logEntry("push1", "warn");
        return m;
    }
}
