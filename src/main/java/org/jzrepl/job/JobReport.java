package org.jzrepl.job;

import java.util.List;
import java.util.Objects;
import org.jzrepl.pruning.PruneReport;
import org.jzrepl.replication.report.AttemptReport;

/**
 * What one job reports for the daemon's status: immutable, serialisable by a plain Jackson
 * {@code ObjectMapper} (records of strings, numbers, enums and lists; null for absent).
 */
public sealed interface JobReport {

    String name();

    String type();

    /**
     * A pull, push or snap job.
     *
     * @param state        where the job is
     * @param interval     the configured interval (ISO-8601 duration), null unless a pull job has one
     * @param nextRunAt    RFC 3339 time of the next interval run, null when none is scheduled
     * @param runs         runs finished since the daemon started
     * @param current      the running replication's current attempt, null while none runs
     * @param last         the last finished run's final replication attempt, null before one ended
     * @param lastError    a failure outside the replication report (e.g. a bug), null normally
     * @param warnings     parts of the job's config this version does not act on
     * @param phase        the phase running now, null while idle
     * @param phases       the phases of the running run, or of the last one while idle
     * @param snapshotting the snapshotter's state, null for a job that does not snapshot (pull)
     * @param pruning      the pruners of the running run so far, or of the last run while idle
     * @param bandwidthLimit the job's stream limit ({@code send 4 MiB/s (bucket_capacity 128 KiB)}), null if none
     */
    record Active(String name, String type, ActiveJob.State state, String interval, String nextRunAt, long runs,
                  AttemptReport current, AttemptReport last, String lastError, List<String> warnings,
                  PhaseReport.Phase phase, List<PhaseReport> phases, SnapshotterReport snapshotting,
                  List<PruneReport> pruning, String bandwidthLimit) implements JobReport {
        public Active {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            warnings = List.copyOf(warnings);
            phases = List.copyOf(phases);
            pruning = List.copyOf(pruning);
        }

        /** This report with a running run's attempt, phase, phases and pruners. */
        Active withCurrent(AttemptReport attempt, PhaseReport.Phase now, List<PhaseReport> running,
                           List<PruneReport> prunes) {
            return new Active(name, type, state, interval, nextRunAt, runs, attempt, last, lastError, warnings, now,
                    running, snapshotting, prunes, bandwidthLimit);
        }
    }

    /**
     * A sink or source job.
     *
     * @param state           serving, stopped, or failed (its accept task died: see {@code failure})
     * @param listening       what the job listens on (socket paths, listener names)
     * @param activeConnections connections being served right now
     * @param served          connections served to their end since the daemon started
     * @param failed          connections that ended with an error
     * @param refused         connections refused because of the serve section's connection caps
     * @param lastError       the last connection error, null if none
     * @param failure         why the job failed, null unless {@code state} is FAILED
     * @param clients         identities that connected at least once, in first-seen order
     * @param snapshotting    a source job's snapshotter, null for a sink
     * @param bandwidthLimit  the job's stream limit ({@code recv 4 MiB/s (bucket_capacity 128 KiB)}), null if none
     */
    record Passive(String name, String type, PassiveJob.State state, List<String> listening, int activeConnections,
                   long served, long failed, long refused, String lastError, String failure, List<String> clients,
                   List<String> warnings, SnapshotterReport snapshotting, String bandwidthLimit) implements JobReport {
        public Passive {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            listening = List.copyOf(listening);
            clients = List.copyOf(clients);
            warnings = List.copyOf(warnings);
        }
    }
}
