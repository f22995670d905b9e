package org.jzrepl.replication.driver;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jzrepl.replication.plan.Step;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.replication.report.StepState;

/**
 * The live state of one step. The byte counter is written by the step's worker without a lock;
 * everything else is guarded by the owning {@link AttemptTracker}.
 */
final class LiveStep {
    final String from;
    final String to;
    final String fromCreation;
    final String toCreation;
    boolean resumed;
    StepState state = StepState.PENDING;
    volatile long expected = -1;
    final AtomicLong replicated = new AtomicLong();
    Instant started;
    Instant finished;
    String error;
    /** Set by the stall watchdog: why the step is aborted. */
    String stalled;

    LiveStep(Step step) {
        this.from = step.from().map(v -> v.relativeName()).orElse(null);
        this.to = step.to().relativeName();
        this.fromCreation = step.from().map(v -> v.creation().toString()).orElse(null);
        this.toCreation = step.to().creation().toString();
        this.resumed = step.isResume();
    }

    StepReport report(Instant now) {
        long bytes = replicated.get();
        long rate = 0;
        if (started != null) {
            long millis = Math.max(1, (finished != null ? finished : now).toEpochMilli() - started.toEpochMilli());
            rate = bytes * 1000 / millis;
        }
        return new StepReport(from, to, resumed, state, Math.max(-1, expected), bytes, rate,
                started == null ? null : started.toString(), finished == null ? null : finished.toString(), error,
                fromCreation, toCreation, stalled != null);
    }
}
