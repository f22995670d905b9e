package org.jzrepl.daemon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jzrepl.daemon.metrics.Reports.active;
import static org.jzrepl.daemon.metrics.Reports.attempt;
import static org.jzrepl.daemon.metrics.Reports.fs;
import static org.jzrepl.daemon.metrics.Reports.step;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.jzrepl.daemon.control.ControlHandler;
import org.jzrepl.daemon.control.SignalOp;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.PhaseReport;
import org.jzrepl.job.RunObserver;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemState;
import org.jzrepl.replication.report.StepState;
import org.slf4j.MDC;

/**
 * zrepl's Grafana dashboard works against jzrepl unchanged: every metric its queries name is in a
 * scrape, with every label the queries match on or group by, and matchers with fixed values
 * (e.g. {@code level=~'warn|error'}) select a series. The few metrics jzrepl cannot have are
 * listed with why; the list must stay exact.
 */
class ZreplDashboardTest {
    static final Path DASHBOARD = Path.of("src/test/resources/zrepl-grafana/grafana-prometheus-zrepl.json");
    /** Dashboard metrics jzrepl does not export, and why (the README lists them too). */
    static final Map<String, String> NOT_EXPORTED = Map.of(
            "go_goroutines", "Go runtime metric; jzrepl runs on the JVM",
            "go_memstats_sys_bytes", "Go runtime metric; jzrepl runs on the JVM",
            "go_memstats_alloc_bytes", "Go runtime metric; jzrepl runs on the JVM",
            "zrepl_endpoint_abstractions_cache_entry_count", "jzrepl keeps no abstractions cache",
            "zrepl_zfs_list_unmatched_user_specified_dataset_count",
            "jzrepl does not count filter rules that match no dataset yet");

    @Test
    void everyDashboardQueryFindsItsSeriesInAScrape() throws Exception {
        Scrape scrape = Scrape.parse(exercisedMetrics().scrape());
        List<String> queries = DashboardQueries.of(DASHBOARD);
        assertTrue(queries.size() >= 14, "the dashboard's queries were found: " + queries);
        Set<String> absent = new TreeSet<>();
        List<String> problems = DashboardQueries.problems(queries, scrape, Map.of("zrepl_replication_jobid", "push1"),
                NOT_EXPORTED.keySet(), absent);
        assertEquals(List.of(), problems);
        assertEquals(NOT_EXPORTED.keySet(), absent, "the exceptions are exactly the dashboard's metrics jzrepl lacks");
    }

    @Test
    void zreplsCountersKeepTheirNamesWithoutTotal() throws Exception {
        Scrape scrape = Scrape.parse(exercisedMetrics().scrape());
        for (String counter : List.of(MetricNames.BYTES_REPLICATED, MetricNames.LOG_ENTRIES, MetricNames.CONTROL_BEGIN)) {
            assertEquals("untyped", scrape.types().get(counter), counter);
            assertFalse(scrape.named(counter).isEmpty(), counter);
            assertTrue(scrape.named(counter + "_total").isEmpty(), counter);
        }
        assertEquals("histogram", scrape.types().get(MetricNames.ZFSCMD_RUNTIME));
        assertEquals(1.0, scrape.value(MetricNames.ZFSCMD_RUNTIME + "_count", "jobid", "push1", "zfsverb", "send",
                "zfsbinary", "/sbin/zfs").orElseThrow());
        assertEquals(1.0, scrape.value(MetricNames.CONTROL_BEGIN, "endpoint", "/status").orElseThrow());
        assertEquals(1.0, scrape.value(MetricNames.CONTROL_FINISHED + "_count", "endpoint", "/signal").orElseThrow(),
                "a refused signal is counted too");
    }

    /** Metrics after one finished push run, some log lines, a zfs command and two control requests. */
    static DaemonMetrics exercisedMetrics() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:05:00Z"), ZoneOffset.UTC);
        DaemonMetrics m = DaemonMetrics.create("1.2.3", clock);
        AttemptReport done = attempt(1, AttemptState.DONE, "2024-05-01T10:00:00Z", "2024-05-01T10:01:00Z",
                fs("pool/data", FilesystemState.DONE, step("@a", "@b", StepState.DONE, 1000, 1200,
                        "2024-05-01T09:00:00Z", "2024-05-01T09:30:00Z")),
                fs("pool/data/sub", FilesystemState.UP_TO_DATE));
        JobReport push = active("push1", "push", 1, null, done);
        m.serve(() -> List.of(push), List.of());
        m.runObserver().runEnded(new RunObserver.FinishedRun("push1", 1, Instant.parse("2024-05-01T10:00:00Z"),
                Instant.parse("2024-05-01T10:02:00Z"), List.of(done), List.of(
                        new PhaseReport(PhaseReport.Phase.REPLICATION, PhaseReport.PhaseState.DONE,
                                "2024-05-01T10:00:00Z", "2024-05-01T10:01:00Z", null),
                        new PhaseReport(PhaseReport.Phase.PRUNING_SENDER, PhaseReport.PhaseState.DONE,
                                "2024-05-01T10:01:00Z", "2024-05-01T10:01:30Z", null)), List.of()));
        m.logEntry("push1", "WARN");
        m.logEntry("push1", "info");
        m.logEntry(null, "error");
        MDC.put(ZfsCommandMeter.JOB_KEY, "push1");
        try {
            m.zfsMeter("/sbin/zfs").record("send", Duration.ofMillis(150), 0);
        } finally {
            MDC.remove(ZfsCommandMeter.JOB_KEY);
        }
        ControlHandler control = m.control(new ControlHandler() {
            @Override
            public Object status() {
                return Map.of();
            }

            @Override
            public String version() {
                return "1.2.3";
            }

            @Override
            public void signal(String job, SignalOp op) throws UnknownJobException {
                throw new UnknownJobException(job);
            }

            @Override
            public Object pruneDryRun(String job, String filesystem) throws UnknownJobException {
                throw new UnknownJobException(job);
            }
        });
        control.status();
        try {
            control.signal("nope", SignalOp.WAKEUP);
        } catch (ControlHandler.UnknownJobException expected) {
            // counted all the same
        }
        return m;
    }
}
