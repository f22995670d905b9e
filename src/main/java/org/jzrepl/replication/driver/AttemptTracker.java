package org.jzrepl.replication.driver;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jzrepl.replication.plan.Step;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.replication.report.FilesystemState;
import org.jzrepl.replication.report.StepState;
import org.jzrepl.zfs.DatasetPath;

/**
 * The live, mutable state of one attempt, from which {@link #report()} takes immutable snapshots.
 * Thread-safe: every method holds this object's lock except the byte counting, which goes to a
 * step's atomic counter (a snapshot reads each counter once, so its totals add up).
 */
final class AttemptTracker {

    private final Clock clock;
    private final int attempt;
    private final int maxAttempts;
    private final Instant started;
    private AttemptState state = AttemptState.PLANNING;
    private Instant finished;
    private String error;
    private final Map<DatasetPath, LiveFilesystem> filesystems = new LinkedHashMap<>();

    /** One filesystem's live state. */
    private static final class LiveFilesystem {
        FilesystemState state;
        String error;
        DatasetPath blockedOn;
        final List<LiveStep> steps = new ArrayList<>();
        int current;
    }

    AttemptTracker(Clock clock, int attempt, int maxAttempts) {
        this.clock = clock;
        this.attempt = attempt;
        this.maxAttempts = maxAttempts;
        this.started = clock.instant();
    }

    /** Adds a filesystem with nothing to run (up to date, skipped, or in error). */
    synchronized void addFinished(DatasetPath fs, FilesystemState state, String error) {
        LiveFilesystem f = new LiveFilesystem();
        f.state = state;
        f.error = error;
        filesystems.put(fs, f);
    }

    /** Adds a filesystem with steps to run, blocked while {@code blockedOn} is present. */
    synchronized void addPlanned(DatasetPath fs, List<Step> steps, Optional<DatasetPath> blockedOn) {
        LiveFilesystem f = new LiveFilesystem();
        f.state = blockedOn.isPresent() ? FilesystemState.BLOCKED : FilesystemState.PENDING;
        f.blockedOn = blockedOn.orElse(null);
        steps.forEach(s -> f.steps.add(new LiveStep(s)));
        filesystems.put(fs, f);
    }

    synchronized void state(AttemptState newState, String newError) {
        state = newState;
        error = newError;
        if ((newState.terminal() || newState == AttemptState.RETRY_WAIT) && finished == null) {
            finished = clock.instant();
        }
    }

    synchronized AttemptState state() {
        return state;
    }

    synchronized void unblocked(DatasetPath fs) {
        LiveFilesystem f = filesystems.get(fs);
        if (f.state == FilesystemState.BLOCKED) {
            f.state = FilesystemState.PENDING;
        }
        f.blockedOn = null;
    }

    /** The step's counter, for the worker to add bytes to. */
    synchronized LiveStep stepStarted(DatasetPath fs, int index) {
        LiveFilesystem f = filesystems.get(fs);
        LiveStep s = f.steps.get(index);
        f.state = FilesystemState.STEPPING;
        f.blockedOn = null;
        f.current = index;
        s.state = StepState.RUNNING;
        s.started = clock.instant();
        return s;
    }

    synchronized void stepSized(DatasetPath fs, int index, long expected, boolean usedResumeToken) {
        LiveStep s = filesystems.get(fs).steps.get(index);
        if (expected >= 0) {
            s.expected = expected;
        }
        s.resumed = usedResumeToken;
    }

    /** A size estimate from a dry send, before the step started. */
    synchronized void stepEstimated(DatasetPath fs, int index, long expected) {
        LiveStep s = filesystems.get(fs).steps.get(index);
        if (expected >= 0 && s.state == StepState.PENDING) {
            s.expected = expected;
        }
    }

    synchronized void stepDone(DatasetPath fs, int index) {
        LiveFilesystem f = filesystems.get(fs);
        LiveStep s = f.steps.get(index);
        s.state = StepState.DONE;
        s.finished = clock.instant();
        f.current = index + 1;
        f.state = f.current == f.steps.size() ? FilesystemState.DONE : FilesystemState.PENDING;
    }

    /** The watchdog found the running step stalled (it is being aborted; it fails with {@code why}). */
    synchronized void stepStalled(DatasetPath fs, int index, String why) {
        LiveStep s = filesystems.get(fs).steps.get(index);
        if (s.state == StepState.RUNNING) {
            s.stalled = why;
        }
    }

    /** Why the step was found stalled, or null. */
    synchronized String stalled(DatasetPath fs, int index) {
        return filesystems.get(fs).steps.get(index).stalled;
    }

    /** The step failed: so does its filesystem; later steps stay pending. */
    synchronized void stepFailed(DatasetPath fs, int index, String why) {
        LiveFilesystem f = filesystems.get(fs);
        LiveStep s = f.steps.get(index);
        s.state = StepState.FAILED;
        s.finished = clock.instant();
        s.error = why;
        f.state = FilesystemState.STEP_ERROR;
        f.error = why;
    }

    /** A filesystem that will not run at all in this attempt (its parent failed). */
    synchronized void abandoned(DatasetPath fs, String why) {
        LiveFilesystem f = filesystems.get(fs);
        f.state = FilesystemState.STEP_ERROR;
        f.error = why;
        f.blockedOn = null;
    }

    /** The number of filesystems in an error state. */
    synchronized int failedFilesystems() {
        return (int) filesystems.values().stream().filter(f -> f.state.failed()).count();
    }

    synchronized AttemptReport report() {
        Instant now = clock.instant();
        List<FilesystemReport> out = new ArrayList<>(filesystems.size());
        for (Map.Entry<DatasetPath, LiveFilesystem> e : filesystems.entrySet()) {
            LiveFilesystem f = e.getValue();
            out.add(FilesystemReport.of(e.getKey().name(), f.state, f.error,
                    f.blockedOn == null ? null : f.blockedOn.name(),
                    f.steps.stream().map(s -> s.report(now)).toList(), f.current));
        }
        return AttemptReport.of(attempt, maxAttempts, state, started.toString(),
                finished == null ? null : finished.toString(), error, out);
    }
}
