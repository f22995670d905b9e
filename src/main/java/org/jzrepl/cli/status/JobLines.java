package org.jzrepl.cli.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.PhaseReport;
import org.jzrepl.job.SnapshotterReport;
import org.jzrepl.pruning.PruneReport;

/**
 * The body lines of one job, unwrapped and uncut ({@link StatusLayout} fits them to the screen):
 * an active job's state, current phase and next run, its snapshotter, the current (or last)
 * replication attempt and its pruners; a passive job's listeners, connections and clients.
 * Every text that came from outside jzrepl goes through {@link ScreenText#safe}.
 */
final class JobLines {
    private final Rates rates;
    private final Clock clock;
    private final int width;

    JobLines(Rates rates, Clock clock, int width) {
        this.rates = rates;
        this.clock = clock;
        this.width = width;
    }

    List<String> of(JobReport job, Filter filter) {
        List<String> out = new ArrayList<>();
        if (job instanceof JobReport.Active a) {
            active(a, filter, out);
        } else {
            passive((JobReport.Passive) job, out);
        }
        return out;
    }

    /** The phase an active job is in, as the screen names it: snapshotting, replication, pruning sender... */
    static String phase(JobReport.Active a) {
        if (a.phase() != null) {
            return phaseName(a.phase());
        }
        if (a.snapshotting() != null && a.snapshotting().state() == SnapshotterReport.State.SNAPSHOTTING) {
            return "snapshotting";
        }
        return "idle";
    }

    private static String phaseName(PhaseReport.Phase p) {
        return switch (p) {
            case REPLICATION -> "replication";
            case PRUNING_SENDER -> "pruning sender";
            case PRUNING_RECEIVER -> "pruning receiver";
            case PRUNING -> "pruning";
        };
    }

    private void active(JobReport.Active a, Filter filter, List<String> out) {
        out.add("job " + ScreenText.safe(a.name()) + " (" + ScreenText.safe(a.type()) + "): " + a.state()
                + ", phase: " + phase(a) + ", next run: " + nextRun(a) + ", runs: " + a.runs());
        if (!a.phases().isEmpty()) {
            StringJoiner phases = new StringJoiner(", ", "phases: ", "");
            for (PhaseReport p : a.phases()) {
                phases.add(phaseName(p.phase()) + " " + p.state()
                        + (p.note() == null ? "" : " (" + ScreenText.firstLine(p.note()) + ")"));
            }
            out.add(phases.toString());
        }
        if (a.lastError() != null) {
            out.add("error: " + ScreenText.firstLine(a.lastError()));
        }
        if (a.bandwidthLimit() != null) {
            out.add("bandwidth limit: " + ScreenText.firstLine(a.bandwidthLimit()));
        }
        for (String w : a.warnings()) {
            out.add("warning: " + ScreenText.firstLine(w));
        }
        snapshotter(a.snapshotting(), out);
        ReplicationLines replication = new ReplicationLines(a.name(), rates, clock, width, out);
        if (a.current() != null) {
            replication.add(a.current(), true, filter);
        } else if (a.last() != null) {
            replication.add(a.last(), false, filter);
        } else {
            out.add("replication: no run yet");
        }
        for (PruneReport p : a.pruning()) {
            pruner(p, filter, out);
        }
    }

    /** When the job runs next: its interval's time, after the next snapshot (push, snap), or on wakeup. */
    private String nextRun(JobReport.Active a) {
        if (a.nextRunAt() != null) {
            return clock.until(a.nextRunAt());
        }
        SnapshotterReport s = a.snapshotting();
        if (s != null && s.nextTickAt() != null) {
            return "after the snapshot " + clock.until(s.nextTickAt());
        }
        if (s == null ? a.interval() == null : s.state() == SnapshotterReport.State.MANUAL) {
            return "on wakeup (w)";
        }
        return "-";
    }

    private void passive(JobReport.Passive p, List<String> out) {
        out.add("job " + ScreenText.safe(p.name()) + " (" + ScreenText.safe(p.type()) + "): " + p.state()
                + ", listening: " + joined(p.listening()));
        out.add("connections: " + p.activeConnections() + " active, " + p.served() + " served, " + p.failed()
                + " failed, " + p.refused() + " refused; clients: " + joined(p.clients()));
        if (p.failure() != null) {
            out.add("failure: " + ScreenText.firstLine(p.failure()));
        }
        if (p.lastError() != null) {
            out.add("last error: " + ScreenText.firstLine(p.lastError()));
        }
        if (p.bandwidthLimit() != null) {
            out.add("bandwidth limit: " + ScreenText.firstLine(p.bandwidthLimit()));
        }
        for (String w : p.warnings()) {
            out.add("warning: " + ScreenText.firstLine(w));
        }
        snapshotter(p.snapshotting(), out);
    }

    private void snapshotter(SnapshotterReport s, List<String> out) {
        if (s == null) {
            return;
        }
        StringBuilder line = new StringBuilder("snapshotter: ").append(ScreenText.safe(s.type()));
        if (s.state() != SnapshotterReport.State.MANUAL) {
            line.append(' ').append(s.state());
        }
        if (s.nextTickAt() != null) {
            line.append(", next ").append(clock.until(s.nextTickAt()));
        }
        line.append(", ").append(s.ticks()).append(s.ticks() == 1 ? " tick" : " ticks");
        if (s.skippedTicks() > 0) {
            line.append(" (").append(s.skippedTicks()).append(" skipped)");
        }
        if (s.lastTick() instanceof Map<?, ?> tick) { // decoded JSON: the screen reads it as the daemon wrote it
            Object name = tick.get("snapshotName");
            Object fss = tick.get("filesystems");
            line.append("; last ").append(clock.at(tick.get("at") instanceof String at ? at : null));
            if (name instanceof String n) {
                line.append(' ').append(ScreenText.safe(n));
            }
            if (fss instanceof List<?> list) {
                long taken = list.stream().filter(f -> f instanceof Map<?, ?> m && "TAKEN".equals(m.get("outcome"))).count();
                line.append(", ").append(taken).append('/').append(list.size()).append(" taken");
            }
        }
        out.add(line.toString());
        if (s.error() != null) {
            out.add("  error: " + ScreenText.firstLine(s.error()));
        }
    }

    private void pruner(PruneReport p, Filter filter, List<String> out) {
        String side = switch (p.side()) {
            case SENDER -> "pruning sender";
            case RECEIVER -> "pruning receiver";
            case LOCAL -> "pruning";
        };
        out.add(side + ": " + p.state() + ", " + p.done() + "/" + (p.done() + p.pending()) + " filesystems, "
                + p.destroyed() + " destroyed, " + p.errors() + (p.errors() == 1 ? " error" : " errors"));
        if (p.error() != null) {
            out.add("  error: " + ScreenText.firstLine(p.error()));
        }
        for (PruneReport.Filesystem fs : p.filesystems()) {
            if (fs.lastError() != null && filter.matches(fs.filesystem())) {
                out.add("  " + ScreenText.safe(fs.filesystem()) + "  " + fs.state() + "  error: "
                        + ScreenText.firstLine(fs.lastError()));
            }
        }
    }

    private static String joined(List<String> items) {
        if (items.isEmpty()) {
            return "-";
        }
        StringJoiner j = new StringJoiner(", ");
        items.forEach(i -> j.add(ScreenText.safe(i)));
        return j.toString();
    }
}
