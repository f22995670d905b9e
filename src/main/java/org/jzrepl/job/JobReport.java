package org.jzrepl.job;

import java.util.List;
import java.util.Objects;
import org.jzrepl.replication.report.AttemptReport;

/**
 * What one job reports for the daemon's status: immutable, serialisable by a plain Jackson
 * {@code ObjectMapper} (records of strings, numbers, enums and lists; null for absent).
 */
public sealed interface JobReport {

    String name();

    String type();

    /**
     * A pull or push job.
     *
     * @param state     where the job's loop is
     * @param interval  the configured interval (ISO-8601 duration), null for {@code manual}
     * @param nextRunAt RFC 3339 time of the next interval run, null when manual or running
     * @param runs      replication runs finished since the daemon started
     * @param current   the running replication's current attempt, null while idle
     * @param last      the last finished run's final attempt, null before the first run ended
     * @param lastError a failure outside the replication report (e.g. a bug), null normally
     * @param warnings  parts of the job's config this version does not act on
     */
    record Active(String name, String type, ActiveJob.State state, String interval, String nextRunAt, long runs,
                  AttemptReport current, AttemptReport last, String lastError, List<String> warnings)
            implements JobReport {
        public Active {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * A sink or source job.
     *
     * @param state           serving, stopped, or failed (its accept thread died: see {@code failure})
     * @param listening       what the job listens on (socket paths, listener names)
     * @param activeConnections connections being served right now
     * @param served          connections served to their end since the daemon started
     * @param failed          connections that ended with an error
     * @param refused         connections refused because of the serve section's connection caps
     * @param lastError       the last connection error, null if none
     * @param failure         why the job failed, null unless {@code state} is FAILED
     * @param clients         identities that connected at least once, in first-seen order
     */
    record Passive(String name, String type, PassiveJob.State state, List<String> listening, int activeConnections,
                   long served, long failed, long refused, String lastError, String failure, List<String> clients,
                   List<String> warnings) implements JobReport {
        public Passive {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            listening = List.copyOf(listening);
            clients = List.copyOf(clients);
            warnings = List.copyOf(warnings);
        }
    }

    /** A job this version accepts in the config but does not run (snap jobs). */
    record Inactive(String name, String type, String reason) implements JobReport {
        public Inactive {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
