package org.jzrepl.daemon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus's own {@code promtool} accepts the example alerting rules and runs their tests: each
 * alert is quiet until its condition has held for its {@code for}, then fires with the labels and
 * rendered annotations in {@code jzrepl-alerts.test.yml}. It also parses every panel query of
 * jzrepl's Grafana dashboard and of zrepl's (which must work against jzrepl unchanged), the
 * dashboard variables filled in. promtool comes with Debian's prometheus package
 * ({@code scripts/setup-deps.sh} installs it without starting its service); with CI set its
 * absence is a failure, not a skip.
 */
class PromtoolIT {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @TempDir
    Path dir;

    @BeforeAll
    static void promtoolIsThere() {
        boolean present = Files.isExecutable(PROMTOOL);
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException(PROMTOOL + " is missing, but CI is set (scripts/setup-deps.sh installs it)");
        }
        assumeTrue(present, "promtool is not installed (Debian package prometheus)");
    }

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Files.copy(AlertRulesTest.RULES, dir.resolve("jzrepl-alerts.yml"));
        String out = promtool("check", "rules", "jzrepl-alerts.yml");
        assertTrue(out.contains("SUCCESS: " + AlertRulesTest.rules().size() + " rules found"), out);
    }

    @Test
    void theRulesFireWhenAndHowTheirTestsSay() throws Exception {
        Files.copy(AlertRulesTest.RULES, dir.resolve("jzrepl-alerts.yml"));
        Files.copy(AlertRulesTest.RULE_TESTS, dir.resolve("jzrepl-alerts.test.yml"));
        String out = promtool("test", "rules", "jzrepl-alerts.test.yml");
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    void promtoolParsesEveryDashboardQuery() throws Exception {
        Map<String, String> grafana = new LinkedHashMap<>(JzreplDashboardTest.VARIABLES);
        grafana.putAll(Map.of("__range", "1d", "__interval", "1m", "prom_job_name", "jzrepl",
                "zrepl_replication_jobid", ".*"));
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int n = 0;
        for (Path dashboard : List.of(JzreplDashboardTest.DASHBOARD, ZreplDashboardTest.DASHBOARD)) {
            for (String expr : DashboardQueries.exprs(dashboard)) {
                String promql = DashboardQueries.substitute(expr, grafana);
                assertFalse(promql.contains("$"), "a variable is left in " + promql);
                rules.append("      - record: dashboard:query_").append(++n).append("\n        expr: '")
                        .append(promql.replace("'", "''")).append("'\n");
            }
        }
        Files.writeString(dir.resolve("dashboards.yml"), rules);
        String out = promtool("check", "rules", "dashboards.yml");
        assertTrue(out.contains("SUCCESS: " + n + " rules found"), out);
    }

    /** Runs promtool in {@link #dir}; its output, after asserting it exited 0. */
    private String promtool(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(PROMTOOL.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
