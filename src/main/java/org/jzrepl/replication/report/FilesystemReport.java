package org.jzrepl.replication.report;

import java.util.List;
import java.util.Objects;

/**
 * One filesystem of an attempt.
 *
 * @param path            the filesystem, in the sender's namespace
 * @param state           see {@link FilesystemState}
 * @param error           the conflict message (several lines), the listing or step error, null otherwise
 * @param blockedOn       while {@link FilesystemState#BLOCKED}: the ancestor it waits for, else null
 * @param steps           the planned steps in order (empty unless something is to be sent)
 * @param currentStep     index of the step running or next to run; {@code steps.size()} when all are done
 * @param bytesExpected   sum of the steps' known estimates (steps without one count 0)
 * @param bytesReplicated sum of the steps' replicated bytes
 */
public record FilesystemReport(String path, FilesystemState state, String error, String blockedOn,
                               List<StepReport> steps, int currentStep, long bytesExpected, long bytesReplicated) {

    public FilesystemReport {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(state, "state");
        steps = List.copyOf(steps);
        if (currentStep < 0 || currentStep > steps.size()) {
            throw new IllegalArgumentException("current step " + currentStep + " outside 0.." + steps.size());
        }
    }

    /** Builds the report with the byte totals summed from {@code steps}. */
    public static FilesystemReport of(String path, FilesystemState state, String error, String blockedOn,
                                      List<StepReport> steps, int currentStep) {
        long expected = 0;
        long replicated = 0;
        for (StepReport s : steps) {
            expected += Math.max(0, s.bytesExpected());
            replicated += s.bytesReplicated();
        }
        return new FilesystemReport(path, state, error, blockedOn, steps, currentStep, expected, replicated);
    }
}
