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

/** Hand-built reports for the metrics tests. */
final class Reports {
    static final String T0 = "2024-05-01T10:00:00Z";

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
}
