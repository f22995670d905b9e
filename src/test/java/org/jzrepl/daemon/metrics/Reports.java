package org.jzrepl.daemon.metrics;

import java.util.List;
import org.jzrepl.job.ActiveJob;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.SnapshotterReport;
import org.jzrepl.pruning.PruneReport;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.replication.report.FilesystemState;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.replication.report.StepState;
import org.jzrepl.snapshot.TickReport;

/** Hand-built reports for the metrics tests. */
final class Reports {
    static final String T0 = "2024-05-01T10:00:00Z";
    static final String H9 = "2024-05-01T09:00:00Z";
    static final String H930 = "2024-05-01T09:30:00Z";

    private Reports() {
    }

    static StepReport step(String from, String to, StepState state, long expected, long bytes, String fromCreation,
                           String toCreation) {
        return new StepReport(from, to, false, state, expected, bytes, 0, state == StepState.PENDING ? null : T0,
                state == StepState.DONE ? T0 : null, null, fromCreation, toCreation, false);
    }

    static FilesystemReport fs(String path, FilesystemState state, StepReport... steps) {
        int done = (int) List.of(steps).stream().filter(s -> s.state() == StepState.DONE).count();
        return FilesystemReport.of(path, state, state.failed() ? "boom" : null, null, List.of(steps), done);
    }

    static AttemptReport attempt(int n, AttemptState state, String started, String finished, FilesystemReport... fs) {
        return AttemptReport.of(n, 3, state, started, finished, null, List.of(fs));
    }

    static JobReport.Active active(String name, String type, long runs, AttemptReport current, AttemptReport last) {
        return active(name, type, runs, current, last, List.of(), null);
    }

    static JobReport.Active active(String name, String type, long runs, AttemptReport current, AttemptReport last,
                                   List<PruneReport> pruning, SnapshotterReport snapshotting) {
        return new JobReport.Active(name, type, current == null ? ActiveJob.State.WAITING : ActiveJob.State.RUNNING,
                null, null, runs, current, last, null, List.of(), null, List.of(), snapshotting, pruning, null);
    }

    static PruneReport prune(PruneReport.Side side, String fs, int errors) {
        return new PruneReport(side, PruneReport.State.DONE, 0, 1, 0, errors, null, List.of(new PruneReport.Filesystem(
                fs, errors > 0 ? PruneReport.FilesystemState.FAILED : PruneReport.FilesystemState.DONE, List.of(),
                List.of(), List.of(), List.of(), List.of(), null, errors, errors > 0 ? "destroy failed" : null)));
    }

    /**
     * A push job at {@link #T0} with a series for every per-dataset metric: its last run failed
     * before listing filesystems; its current attempt sends p/a (200 of 1000 bytes, lagging 30
     * minutes) and has failed p/b; pruning p/a on the receiver failed twice; the last snapshot tick
     * (09:30) took p/a and failed p/b.
     */
    static JobReport troubledPush() {
        AttemptReport running = attempt(1, AttemptState.STEPPING, T0, null,
                fs("p/a", FilesystemState.STEPPING, step("@s1", "@s2", StepState.RUNNING, 1000, 200, H9, H930)),
                fs("p/b", FilesystemState.STEP_ERROR, step("@s1", "@s2", StepState.FAILED, 1000, 0, H9, H930)));
        AttemptReport failedEarly = attempt(1, AttemptState.FAILED, H9, H9);
        TickReport tick = new TickReport(H930, "zrepl_1", 5, null, List.of(), List.of(
                TickReport.FilesystemReport.of("p/a", TickReport.Outcome.TAKEN, null, List.of()),
                TickReport.FilesystemReport.of("p/b", TickReport.Outcome.FAILED, "no space", List.of())));
        SnapshotterReport snap = new SnapshotterReport("periodic", SnapshotterReport.State.WAITING, null, 1, 0,
                tick, null);
        return active("push1", "push", 1, running, failedEarly, List.of(prune(PruneReport.Side.RECEIVER, "p/a", 2)),
                snap);
    }
}
