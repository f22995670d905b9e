package org.jzrepl.daemon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * jzrepl's own Grafana dashboard ({@code packaging/grafana}) answers "is my backup current, and if
 * not why?": each of its queries finds its series in a scrape of a daemon with a troubled push job,
 * and it shows every per-filesystem metric jzrepl adds to zrepl's. {@code PromtoolIT} checks the
 * queries' PromQL with promtool.
 */
class JzreplDashboardTest {
    static final Path DASHBOARD = Path.of("packaging/grafana/jzrepl-dashboard.json");
    /** Values for the dashboard's variables: every job, as "All" selects it. */
    static final Map<String, String> VARIABLES = Map.of("zrepl_job", ".*", "job", "jzrepl",
            "__rate_interval", "5m", "datasource", "prometheus");

    @Test
    void everyQueryFindsItsSeriesInAScrape() throws Exception {
        Scrape scrape = Scrape.parse(AlertRulesTest.troubledDaemon().scrape());
        List<String> queries = DashboardQueries.of(DASHBOARD);
        assertTrue(queries.size() >= 10, "the dashboard's queries were found: " + queries);
        assertEquals(List.of(), DashboardQueries.problems(queries, scrape, VARIABLES, Set.of(), new TreeSet<>()));
    }

    @Test
    void itShowsEveryPerFilesystemMetricJzreplAdds() throws Exception {
        String exprs = String.join("\n", DashboardQueries.exprs(DASHBOARD));
        for (String metric : List.of(MetricNames.LAG, MetricNames.BYTES_REMAINING, MetricNames.STALLED,
                MetricNames.PRUNING_ERRORS, MetricNames.SNAPSHOT_LAST_SUCCESS, MetricNames.LAST_SUCCESSFUL,
                MetricNames.FILESYSTEM_ERRORS)) {
            assertTrue(exprs.contains(metric), metric + " is on a panel");
        }
    }

    @Test
    void everyPanelSaysWhatItShowsAndUsesTheChosenDataSource() throws Exception {
        JsonNode root = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> problems = new ArrayList<>();
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : root.path("panels")) {
            String title = panel.path("title").asText();
            if (title.isBlank() || panel.path("description").asText().isBlank()) {
                problems.add("panel " + panel.path("id") + " lacks a title or description");
            }
            if (!ids.add(panel.path("id").asInt())) {
                problems.add(title + ": id used twice");
            }
            for (JsonNode target : panel.path("targets")) {
                if (!"${datasource}".equals(target.path("datasource").path("uid").asText())) {
                    problems.add(title + ": a target not on ${datasource}");
                }
            }
        }
        assertFalse(ids.isEmpty());
        assertEquals(List.of(), problems);
    }
}
