package org.jzrepl.cli.status;

import java.util.ArrayList;
import java.util.List;
import org.jzrepl.daemon.status.DaemonReport;
import org.jzrepl.job.JobReport;

/**
 * The status screen as lines of text for a given size: a pure function of the report, the
 * viewer's {@link ViewState}, the smoothed {@link Rates} and the {@link Clock}. Interactive: a
 * header (daemon, fetch error), a bar of every job with the selected one in brackets, the selected
 * job's body (scrolled, cut to the height left) and a footer with the keys, the filter being typed
 * or the question of a signal to confirm. {@link #dump}: every job's body one after the other,
 * for a pipe or a log. Every line is cut to the width; nothing a peer sent reaches a line unescaped.
 */
final class StatusLayout {
    static final String KEYS = "q quit  n/tab next job  / filter  w wakeup  r reset  ↑↓ PgUp/PgDn scroll";

    private final Rates rates;
    private final Clock clock;

    StatusLayout(Rates rates, Clock clock) {
        this.rates = rates;
        this.clock = clock;
    }

    /** The job names of the report, in config order. */
    static List<String> jobNames(DaemonReport report) {
        return report == null ? List.of() : report.jobs().stream().map(JobReport::name).toList();
    }

    /** The selected job of {@code report}: the one named in {@code state}, else the first; null if none. */
    static JobReport selected(DaemonReport report, ViewState state) {
        if (report == null || report.jobs().isEmpty()) {
            return null;
        }
        return report.jobs().stream().filter(j -> j.name().equals(state.job())).findFirst()
                .orElse(report.jobs().get(0));
    }

    /** Lines for a screen of {@code width} x {@code height}; {@code fetchError} is the last fetch's failure or null. */
    List<String> screen(DaemonReport report, String fetchError, ViewState state, int width, int height) {
        List<String> head = new ArrayList<>();
        head.add(header(report));
        if (fetchError != null) {
            head.add("! " + ScreenText.firstLine(fetchError));
        }
        JobReport job = selected(report, state);
        head.add(tabs(report, job));
        head.add("-".repeat(Math.max(0, width)));
        List<String> foot = footer(state, job);
        List<String> body = job == null
                ? List.of(report == null ? "waiting for the daemon's first report…" : "the daemon runs no jobs")
                : new JobLines(rates, clock, width).of(job, new Filter(state.filter()));
        int room = Math.max(1, height - head.size() - foot.size());
        List<String> lines = new ArrayList<>(head);
        int first = Math.min(state.scroll(), Math.max(0, body.size() - room));
        int last = Math.min(body.size(), first + room);
        boolean more = last < body.size();
        for (int i = first; i < last - (more ? 1 : 0); i++) {
            lines.add(body.get(i));
        }
        if (more) {
            lines.add("… " + (body.size() - last + 1) + " more lines (↓ or PgDn to scroll, / to filter)");
        }
        while (lines.size() < height - foot.size()) {
            lines.add("");
        }
        lines.addAll(foot);
        return fitted(lines.subList(0, Math.min(lines.size(), height)), width);
    }

    /** Every job's body, for {@code --mode dump}: a header line, then each job after a blank line. */
    List<String> dump(DaemonReport report, int width) {
        List<String> lines = new ArrayList<>();
        lines.add(header(report));
        JobLines jobs = new JobLines(rates, clock, width);
        for (JobReport j : report.jobs()) {
            lines.add("");
            lines.addAll(jobs.of(j, new Filter("")));
        }
        return fitted(lines, width);
    }

    private String header(DaemonReport report) {
        String at = clock.at(clock.now().toString());
        if (report == null) {
            return "jzrepl status  " + at;
        }
        return "jzrepl status  " + at + "  daemon " + ScreenText.safe(report.version()) + ", pid " + report.pid()
                + ", up " + clock.ago(report.startedAt()).replace(" ago", "");
    }

    private static String tabs(DaemonReport report, JobReport selected) {
        StringBuilder b = new StringBuilder("jobs:");
        if (report != null) {
            for (JobReport j : report.jobs()) {
                String state = j instanceof JobReport.Active a ? a.state().name() : ((JobReport.Passive) j).state().name();
                String label = ScreenText.safe(j.name()) + " " + state;
                b.append(' ').append(j == selected ? "[" + label + "]" : " " + label + " ");
            }
        }
        return b.toString();
    }

    private static List<String> footer(ViewState state, JobReport job) {
        String name = job == null ? "-" : ScreenText.safe(job.name());
        List<String> foot = new ArrayList<>();
        if (state.message() != null) {
            foot.add(ScreenText.firstLine(state.message()));
        }
        switch (state.mode()) {
            case FILTER -> foot.add("filter: " + ScreenText.safe(state.filter()) + "▏  (Enter keep, Esc clear)");
            case CONFIRM -> foot.add(state.pending().wireName() + " job " + name + "? (y/n)");
            case BROWSE -> foot.add(state.filter().isEmpty() ? KEYS
                    : "filter: " + new Filter(state.filter()).shown() + " (Esc clears)  " + KEYS);
        }
        return foot;
    }

    private static List<String> fitted(List<String> lines, int width) {
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            out.add(ScreenText.fit(l, width));
        }
        return out;
    }
}
