package org.jzrepl.pruning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jzrepl.pruning.PruneReport.FilesystemState;
import org.jzrepl.pruning.PruneReport.Side;
import org.jzrepl.pruning.PruneReport.State;

/** A side's report as its run goes: written by the run's thread, read by status from any. */
final class Progress {
    private final Side side;
    private final Map<String, PruneReport.Filesystem> filesystems = new LinkedHashMap<>();
    private final Map<String, Integer> destroyedBy = new LinkedHashMap<>();
    private State state = State.PENDING;
    private String error;
    private int errors;

    Progress(Side side) {
        this.side = side;
    }

    synchronized void state(State s) {
        state = s;
    }

    /** Why the side's listing failed (counted as an error), or null once it worked. */
    synchronized void sideError(String why) {
        error = why;
        if (why != null) {
            errors++;
        }
    }

    synchronized void error() {
        errors++;
    }

    synchronized void update(PruneReport.Filesystem fs, int destroyed) {
        filesystems.put(fs.filesystem(), fs);
        destroyedBy.put(fs.filesystem(), destroyed);
    }

    /** The final report: DONE, or FAILED when the listing or any filesystem failed for good. */
    synchronized PruneReport finish() {
        boolean failed = error != null
                || filesystems.values().stream().anyMatch(f -> f.state() == FilesystemState.FAILED);
        state = failed ? State.FAILED : State.DONE;
        return report();
    }

    synchronized PruneReport report() {
        int pending = 0;
        int done = 0;
        for (PruneReport.Filesystem f : filesystems.values()) {
            if (f.state() == FilesystemState.DONE || f.state() == FilesystemState.SKIPPED) {
                done++;
            } else if (f.state() == FilesystemState.PENDING
                    || (f.state() == FilesystemState.FAILED && state != State.DONE && state != State.FAILED)) {
                pending++;
            }
        }
        int destroyed = destroyedBy.values().stream().mapToInt(Integer::intValue).sum();
        return new PruneReport(side, state, pending, done, destroyed, errors, error, List.copyOf(filesystems.values()));
    }
}
