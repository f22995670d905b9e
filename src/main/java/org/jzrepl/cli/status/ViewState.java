package org.jzrepl.cli.status;

import java.util.Objects;
import org.jzrepl.daemon.control.SignalOp;

/**
 * What the person at the screen chose: the selected job, the filesystem filter, scrolling, and
 * whether a filter is being typed or a signal waits for confirmation. Immutable.
 *
 * @param job      the selected job's name, null before the first report
 * @param filter   the filesystem filter (a substring), empty for none
 * @param mode     browsing, typing the filter, or confirming {@code pending}
 * @param pending  the signal waiting for y/n, null unless {@code mode} is CONFIRM
 * @param scroll   the first body line shown
 * @param message  a one-line note for the footer (a signal's result), null for none
 */
record ViewState(String job, String filter, Mode mode, SignalOp pending, int scroll, String message) {

    enum Mode { BROWSE, FILTER, CONFIRM }

    ViewState {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.CONFIRM) != (pending != null)) {
            throw new IllegalArgumentException("a pending signal goes with CONFIRM mode only");
        }
        scroll = Math.max(0, scroll);
    }

    static ViewState initial() {
        return new ViewState(null, "", Mode.BROWSE, null, 0, null);
    }

    ViewState withJob(String j) {
        return new ViewState(j, filter, mode, pending, Objects.equals(j, job) ? scroll : 0, message);
    }

    ViewState withFilter(String f, Mode m) {
        return new ViewState(job, f, m, null, 0, message);
    }

    ViewState confirming(SignalOp op) {
        return new ViewState(job, filter, Mode.CONFIRM, op, scroll, null);
    }

    ViewState browsing(String note) {
        return new ViewState(job, filter, Mode.BROWSE, null, scroll, note);
    }

    ViewState scrolledBy(int lines) {
        return new ViewState(job, filter, mode, pending, scroll + lines, message);
    }
}
