package org.jzrepl.cli.status;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.replication.report.FilesystemState;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.replication.report.StepState;

/**
 * The lines of one replication attempt: a summary with a total bar, then per filesystem (those
 * the filter matches) its state and current step {@code from → to}, a progress bar with bytes,
 * rate and ETA while it has bytes to send, the resumed marker, the parent it is blocked on and
 * its error. Rates come from {@link Rates} (smoothed) and fall back to the report's average.
 */
final class ReplicationLines {
    /** Filesystem paths are padded to a common column up to this width. */
    static final int MAX_PATH_COLUMN = 40;

    private final String job;
    private final Rates rates;
    private final Clock clock;
    private final int width;
    private final List<String> out;

    ReplicationLines(String job, Rates rates, Clock clock, int width, List<String> out) {
        this.job = job;
        this.rates = rates;
        this.clock = clock;
        this.width = width;
        this.out = out;
    }

    /** Adds the attempt's lines; {@code running} says whether it is the current attempt or the last one. */
    void add(AttemptReport a, boolean running, Filter filter) {
        String when = running ? "started " + clock.at(a.startedAt()) : "finished " + clock.at(a.finishedAt());
        out.add((running ? "replication" : "last replication") + ": attempt " + a.attempt() + "/" + a.maxAttempts()
                + " " + a.state() + ", " + when + ", steps " + a.stepsDone() + "/" + a.stepsTotal()
                + ", " + Units.bytes(a.bytesReplicated()) + " / " + Units.bytes(a.bytesExpected()));
        if (a.error() != null) {
            out.add("  error: " + ScreenText.firstLine(a.error()));
        }
        if (running && a.bytesExpected() > 0) {
            out.add("  " + progress("total", a.bytesReplicated(), a.bytesExpected(), totalRate(a), false));
        }
        List<FilesystemReport> shown = a.filesystems().stream().filter(fs -> filter.matches(fs.path())).toList();
        int column = Math.min(MAX_PATH_COLUMN,
                shown.stream().mapToInt(fs -> ScreenText.columns(ScreenText.safe(fs.path()))).max().orElse(0));
        for (FilesystemReport fs : shown) {
            filesystem(fs, running, column);
        }
        if (!filter.isEmpty()) {
            out.add("  (filter " + filter.shown() + ": " + shown.size() + " of " + a.filesystems().size() + " filesystems)");
        }
    }

    private void filesystem(FilesystemReport fs, boolean running, int column) {
        String path = ScreenText.safe(fs.path());
        StringBuilder line = new StringBuilder("  ").append(path)
                .append(" ".repeat(Math.max(0, column - ScreenText.columns(path)))).append("  ").append(fs.state());
        if (fs.state() == FilesystemState.BLOCKED && fs.blockedOn() != null) {
            line.append(" on ").append(ScreenText.safe(fs.blockedOn()));
        }
        List<StepReport> steps = fs.steps();
        int index = Math.min(fs.currentStep(), steps.size() - 1);
        StepReport step = index < 0 ? null : steps.get(index);
        if (step != null) {
            line.append("  step ").append(index + 1).append('/').append(steps.size()).append(": ")
                    .append(step.from() == null ? "full" : ScreenText.safe(step.from()))
                    .append(" → ").append(ScreenText.safe(step.to()));
            if (step.resumed()) {
                line.append("  (resumed)");
            }
            if (step.stalled()) {
                line.append("  (stalled: aborted, resuming)");
            }
        }
        out.add(line.toString());
        if (step != null && running && fs.state() == FilesystemState.STEPPING) {
            double rate = stepRate(fs.path(), index, step);
            String bar = progress("", step.bytesReplicated(), step.bytesExpected(), rate, step.state() == StepState.RUNNING);
            Duration stalled = rates.stalledFor(Rates.key(job, fs.path(), index), clock.now());
            out.add("    " + bar + (stalled == null ? "" : "  no progress for " + Units.duration(stalled)));
        } else if (step != null && fs.bytesReplicated() > 0) {
            out.add("    sent " + Units.bytes(fs.bytesReplicated()) + " in " + steps.size()
                    + (steps.size() == 1 ? " step" : " steps"));
        }
        String error = fs.error() != null ? fs.error() : step != null ? step.error() : null;
        if (error != null) {
            out.add("    error: " + ScreenText.firstLine(error));
        }
    }

    /** {@code [=====>     ]  42%  1.2 MiB / 4.0 MiB  160.0 KiB/s  ETA 18s}, the bar taking the room left. */
    private String progress(String label, long done, long expected, double rate, boolean showRateAlways) {
        String pct = String.format(Locale.ROOT, "%4s", Units.percent(done, expected));
        String tail = pct + "  " + Units.bytes(done) + " / " + (expected < 0 ? "?" : Units.bytes(expected))
                + "  " + Units.rate(rate) + "  ETA " + (expected > 0 ? Units.eta(expected - done, rate) : "-");
        String head = label.isEmpty() ? "" : label + " ";
        int barWidth = Math.max(12, Math.min(42, width - 4 - head.length() - ScreenText.columns(tail) - 2));
        return head + Units.bar(done, expected, barWidth) + "  " + tail;
    }

    private double stepRate(String fs, int index, StepReport step) {
        if (step.state() != StepState.RUNNING) {
            return 0;
        }
        OptionalDouble smoothed = rates.rate(Rates.key(job, fs, index));
        return smoothed.isPresent() ? smoothed.getAsDouble() : step.bytesPerSecond();
    }

    private double totalRate(AttemptReport a) {
        double sum = 0;
        for (FilesystemReport fs : a.filesystems()) {
            for (int i = 0; i < fs.steps().size(); i++) {
                sum += stepRate(fs.path(), i, fs.steps().get(i));
            }
        }
        return sum;
    }
}
