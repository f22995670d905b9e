package org.jzrepl.daemon.status;

import java.util.List;
import java.util.Objects;
import org.jzrepl.job.JobReport;

/**
 * The daemon's raw status: what {@code GET /status} on the control socket returns and
 * {@code jzrepl status --mode raw} prints. Immutable; one consistent report per job.
 *
 * @param version   jzrepl's version
 * @param pid       the daemon's process id
 * @param startedAt RFC 3339 start time of the daemon
 * @param jobs      every configured job, in config order
 */
public record DaemonReport(String version, long pid, String startedAt, List<JobReport> jobs) {
    public DaemonReport {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(startedAt, "startedAt");
        jobs = List.copyOf(jobs);
    }
}
