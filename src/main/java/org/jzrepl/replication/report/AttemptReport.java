package org.jzrepl.replication.report;

import java.util.List;
import java.util.Objects;

/**
 * One replication attempt: plan, then steps. A run makes up to {@code maxAttempts} attempts, a new
 * one (re-planned) only after a connectivity failure. Immutable; serialises to JSON with a plain
 * Jackson {@code ObjectMapper} (strings, numbers, enums, lists).
 *
 * @param attempt         1 for the first attempt of a run, 0 before the run started
 * @param maxAttempts     the attempts allowed for the run
 * @param state           see {@link AttemptState}
 * @param startedAt       RFC 3339, null before the run started
 * @param finishedAt      RFC 3339, null until the attempt ended
 * @param error           why the attempt failed or is retried, null otherwise
 * @param filesystems     every sender filesystem, parents before children (empty while planning)
 * @param stepsTotal      steps planned over all filesystems
 * @param stepsDone       steps completed
 * @param bytesExpected   sum of the filesystems' expected bytes
 * @param bytesReplicated sum of the filesystems' replicated bytes
 */
public record AttemptReport(int attempt, int maxAttempts, AttemptState state, String startedAt, String finishedAt,
                            String error, List<FilesystemReport> filesystems, int stepsTotal, int stepsDone,
                            long bytesExpected, long bytesReplicated) {

    public AttemptReport {
        Objects.requireNonNull(state, "state");
        filesystems = List.copyOf(filesystems);
        if (attempt < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("attempt " + attempt + " of " + maxAttempts);
        }
    }

    /** Builds the report with the step and byte totals summed from {@code filesystems}. */
    public static AttemptReport of(int attempt, int maxAttempts, AttemptState state, String startedAt,
                                   String finishedAt, String error, List<FilesystemReport> filesystems) {
        int total = 0;
        int done = 0;
        long expected = 0;
        long replicated = 0;
        for (FilesystemReport fs : filesystems) {
            total += fs.steps().size();
            for (StepReport s : fs.steps()) {
                done += s.state() == StepState.DONE ? 1 : 0;
            }
            expected += fs.bytesExpected();
            replicated += fs.bytesReplicated();
        }
        return new AttemptReport(attempt, maxAttempts, state, startedAt, finishedAt, error, filesystems,
                total, done, expected, replicated);
    }

    /** The report of a run that has not started yet. */
    public static AttemptReport notStarted(int maxAttempts) {
        return of(0, maxAttempts, AttemptState.PLANNING, null, null, null, List.of());
    }
}
