package org.jzrepl.cli.status;

import java.util.List;
import org.jzrepl.daemon.control.SignalOp;

/**
 * The screen's keys, as a pure function from (state, key, job names) to the next state and what
 * the loop must do. Browsing: {@code q} quits, {@code n} or Tab selects the next job, {@code /}
 * starts typing a filesystem filter, {@code w} and {@code r} ask to confirm a wakeup or reset of
 * the selected job, Escape clears the filter, the arrows and page keys scroll. Typing a filter:
 * characters are added (the filter applies as it is typed), Backspace removes one, Enter keeps
 * it, Escape clears it. Confirming: {@code y} sends the signal, anything else cancels.
 */
final class Interaction {
    /** The longest filter kept: enough for any dataset path. */
    static final int MAX_FILTER = 256;

    private Interaction() {
    }

    /** What the loop does after a key. */
    sealed interface Action {
        /** Nothing but redraw. */
        record Redraw() implements Action {
        }

        /** Leave the screen. */
        record Quit() implements Action {
        }

        /** Send {@code op} to {@code job} over the control socket. */
        record Signal(String job, SignalOp op) implements Action {
        }
    }

    /** The state after a key and the action it asks for. */
    record Outcome(ViewState state, Action action) {
    }

    static Outcome press(ViewState s, Key key, List<String> jobs, int pageLines) {
        return switch (s.mode()) {
            case BROWSE -> browse(s, key, jobs, pageLines);
            case FILTER -> typeFilter(s, key);
            case CONFIRM -> confirm(s, key);
        };
    }

    private static Outcome browse(ViewState s, Key key, List<String> jobs, int page) {
        if (key instanceof Key.Char c) {
            return switch (c.codePoint()) {
                case 'q', 'Q' -> new Outcome(s, new Action.Quit());
                case 'n' -> redraw(s.withJob(next(jobs, s.job())));
                case '/' -> redraw(s.withFilter(s.filter(), ViewState.Mode.FILTER));
                case 'w' -> s.job() == null ? redraw(s) : redraw(s.confirming(SignalOp.WAKEUP));
                case 'r' -> s.job() == null ? redraw(s) : redraw(s.confirming(SignalOp.RESET));
                case 'j' -> redraw(s.scrolledBy(1));
                case 'k' -> redraw(s.scrolledBy(-1));
                default -> redraw(s);
            };
        }
        return switch ((Key.Special) key) {
            case TAB -> redraw(s.withJob(next(jobs, s.job())));
            case ESCAPE -> redraw(s.withFilter("", ViewState.Mode.BROWSE).browsing(null));
            case DOWN -> redraw(s.scrolledBy(1));
            case UP -> redraw(s.scrolledBy(-1));
            case PAGE_DOWN -> redraw(s.scrolledBy(Math.max(1, page)));
            case PAGE_UP -> redraw(s.scrolledBy(-Math.max(1, page)));
            default -> redraw(s);
        };
    }

    private static Outcome typeFilter(ViewState s, Key key) {
        if (key instanceof Key.Char c) {
            if (s.filter().length() >= MAX_FILTER) {
                return redraw(s);
            }
            return redraw(s.withFilter(s.filter() + Character.toString(c.codePoint()), ViewState.Mode.FILTER));
        }
        return switch ((Key.Special) key) {
            case ENTER -> redraw(s.withFilter(s.filter(), ViewState.Mode.BROWSE));
            case ESCAPE -> redraw(s.withFilter("", ViewState.Mode.BROWSE));
            case BACKSPACE -> {
                String f = s.filter();
                yield redraw(s.withFilter(f.isEmpty() ? f : f.substring(0, f.offsetByCodePoints(f.length(), -1)),
                        ViewState.Mode.FILTER));
            }
            default -> redraw(s);
        };
    }

    private static Outcome confirm(ViewState s, Key key) {
        if (key instanceof Key.Char c && (c.codePoint() == 'y' || c.codePoint() == 'Y')) {
            return new Outcome(s.browsing(null), new Action.Signal(s.job(), s.pending()));
        }
        return redraw(s.browsing(s.pending().wireName() + " cancelled"));
    }

    /** The job after {@code current} in {@code jobs}, wrapping; the first if {@code current} is gone. */
    static String next(List<String> jobs, String current) {
        if (jobs.isEmpty()) {
            return null;
        }
        int i = jobs.indexOf(current);
        return jobs.get(i < 0 ? 0 : (i + 1) % jobs.size());
    }

    private static Outcome redraw(ViewState s) {
        return new Outcome(s, new Action.Redraw());
    }
}
