package org.jzrepl.cli.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jzrepl.daemon.status.DaemonReport;
import org.jzrepl.job.ActiveJob;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.PassiveJob;
import org.jzrepl.job.PhaseReport;
import org.jzrepl.job.SnapshotterReport;
import org.jzrepl.pruning.PruneReport;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.replication.report.FilesystemState;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.replication.report.StepState;
import org.jzrepl.snapshot.TickReport;

/** Fixed reports for the layout tests: a push job in the middle of a transfer and a sink. */
public final class SampleReports {
    static final String NOW = "2025-03-04T12:00:30Z";

    private SampleReports() {
    }

    /**
     * A push job replicating (one resumed step running, a child blocked, a hostile error, pruning
     * pending) and a sink, as the screen gets them: written to JSON as the daemon does, decoded.
     */
    public static DaemonReport midTransfer(long bytesDone) {
        try {
            ObjectMapper json = new ObjectMapper();
            return new ReportDecoder().decode(json.readTree(json.writeValueAsBytes(built(bytesDone))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same report as built in the daemon. */
    public static DaemonReport built(long bytesDone) {
        StepReport running = new StepReport("@s1", "@s2", true, StepState.RUNNING, 4L << 20, bytesDone, 150_000,
                "2025-03-04T12:00:10Z", null, null, null, null, false);
        StepReport next = new StepReport("@s2", "@s3", false, StepState.PENDING, 1L << 20, 0, 0, null, null, null, null, null, false);
        FilesystemReport data = FilesystemReport.of("tank/data", FilesystemState.STEPPING, null, null,
                List.of(running, next), 0);
        FilesystemReport child = FilesystemReport.of("tank/data/child", FilesystemState.BLOCKED, null, "tank/data",
                List.of(new StepReport(null, "@s3", false, StepState.PENDING, 2048, 0, 0, null, null, null, null, null, false)), 0);
        FilesystemReport evil = FilesystemReport.of("tank/e\u001b[2Jvil\u202e", FilesystemState.STEP_ERROR, null, null,
                List.of(new StepReport("@a", "@b", false, StepState.FAILED, 100, 10, 5, "2025-03-04T12:00:01Z",
                        "2025-03-04T12:00:02Z", "cannot receive: \u001b[31mred\u0007 and\nsecond line", null, null, false)), 0);
        FilesystemReport done = FilesystemReport.of("tank/home", FilesystemState.UP_TO_DATE, null, null, List.of(), 0);
        AttemptReport attempt = AttemptReport.of(1, 3, AttemptState.STEPPING, "2025-03-04T12:00:05Z", null, null,
                List.of(data, child, evil, done));
        SnapshotterReport snap = new SnapshotterReport("periodic", SnapshotterReport.State.WAITING,
                "2025-03-04T12:10:00Z", 7, 0,
                new TickReport("2025-03-04T12:00:00Z", "zrepl_20250304_120000_000", 40, null, List.of(),
                        List.of(TickReport.FilesystemReport.of("tank/data", TickReport.Outcome.TAKEN, null, List.of()),
                                TickReport.FilesystemReport.of("tank/home", TickReport.Outcome.FAILED, "busy",
                                        List.of()))),
                null);
        JobReport.Active push = new JobReport.Active("backup", "push", ActiveJob.State.RUNNING, "PT10M",
                "2025-03-04T12:10:00Z", 3, attempt, null, null, List.of(), PhaseReport.Phase.REPLICATION,
                List.of(new PhaseReport(PhaseReport.Phase.REPLICATION, PhaseReport.PhaseState.RUNNING,
                                "2025-03-04T12:00:05Z", null, null),
                        new PhaseReport(PhaseReport.Phase.PRUNING_SENDER, PhaseReport.PhaseState.PENDING, null, null,
                                null),
                        new PhaseReport(PhaseReport.Phase.PRUNING_RECEIVER, PhaseReport.PhaseState.PENDING, null,
                                null, null)),
                snap, List.of(new PruneReport(PruneReport.Side.SENDER, PruneReport.State.PENDING, 0, 0, 0, 0, null,
                        List.of())), null);
        JobReport.Passive sink = new JobReport.Passive("sink", "sink", PassiveJob.State.SERVING,
                List.of("/run/jzrepl/stdinserver/laptop"), 1, 4, 1, 0, "connection reset by peer", null,
                List.of("laptop", "desk\u001b]0;pwned\u0007"), List.of(), null, "recv 4 MiB/s (bucket_capacity 128 KiB)");
        return new DaemonReport("0.1.0", 4242, "2025-03-04T10:00:00Z", List.of(push, sink));
    }
}
