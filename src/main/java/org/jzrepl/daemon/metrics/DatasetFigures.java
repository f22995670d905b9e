package org.jzrepl.daemon.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalDouble;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.replication.report.FilesystemState;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.replication.report.StepState;

/** Per-filesystem figures derived from one attempt's report: pure functions. */
final class DatasetFigures {

    private DatasetFigures() {
    }

    /**
     * Replication lag in seconds: the creation time of the newest snapshot the sender has minus
     * that of the newest one the receiver has, as of the attempt's plan and its finished steps.
     * 0 when the receiver was up to date; empty when it cannot be told (a planning error, a
     * placeholder, or a first full send not yet done: the receiver has no snapshot).
     */
    static OptionalDouble lagSeconds(FilesystemReport fs) {
        if (fs.state() == FilesystemState.UP_TO_DATE) {
            return OptionalDouble.of(0);
        }
        List<StepReport> steps = fs.steps();
        if (steps.isEmpty()) {
            return OptionalDouble.empty();
        }
        Instant newest = parse(steps.get(steps.size() - 1).toCreation());
        Instant has = parse(steps.get(0).fromCreation());
        for (StepReport s : steps) {
            if (s.state() == StepState.DONE) {
                has = parse(s.toCreation());
            }
        }
        if (newest == null || has == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(0, Duration.between(has, newest).toMillis() / 1000.0));
    }

    /** Bytes the attempt still expects to send for {@code fs}: unknown estimates count 0. */
    static long bytesRemaining(FilesystemReport fs) {
        long left = 0;
        for (StepReport s : fs.steps()) {
            if (s.state() == StepState.PENDING || s.state() == StepState.RUNNING) {
                left += Math.max(0, s.bytesExpected() - s.bytesReplicated());
            }
        }
        return left;
    }

    /** The running step of {@code fs}, or null. */
    static StepReport runningStep(FilesystemReport fs) {
        for (StepReport s : fs.steps()) {
            if (s.state() == StepState.RUNNING) {
                return s;
            }
        }
        return null;
    }

    /** An RFC 3339 time from a report, or null when absent or malformed. */
    static Instant parse(String rfc3339) {
        if (rfc3339 == null) {
            return null;
        }
        try {
            return Instant.parse(rfc3339);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
