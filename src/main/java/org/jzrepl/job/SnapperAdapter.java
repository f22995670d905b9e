package org.jzrepl.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jzrepl.snapshot.NextTick;
import org.jzrepl.snapshot.TickReport;

/** The snapshot package's {@link org.jzrepl.snapshot.Snapper} as {@link Snapshotting} drives it. */
final class SnapperAdapter {
    private SnapperAdapter() {
    }

    /** The daemon's snapper behind the runtime's interface. */
    static Snapshotting.Snapper of(org.jzrepl.snapshot.Snapper s, String type, Runnable onClose) {
        return new Snapshotting.Snapper() {
            @Override
            public void close() {
                onClose.run();
            }

            @Override
            public String type() {
                return type;
            }

            @Override
            public NextTick firstTick(Instant now) {
                return s.firstTick(now);
            }

            @Override
            public NextTick afterTick(Instant start, Instant end) {
                return s.nextTick(start, end);
            }

            @Override
            public Snapshotting.Tick tick(Instant now) throws InterruptedException {
                TickReport r = s.tick(now);
                return new Snapshotting.Tick(r, r.allOk() ? null : problem(r));
            }
        };
    }

    /** One line for status: the tick's error, or which filesystems failed and why (the first three). */
    static String problem(TickReport r) {
        if (r.error() != null) {
            return "snapshot tick failed: " + r.error();
        }
        List<TickReport.FilesystemReport> bad = r.filesystems().stream().filter(f -> !f.ok()).toList();
        List<String> named = new ArrayList<>();
        for (TickReport.FilesystemReport f : bad.subList(0, Math.min(3, bad.size()))) {
            String why = f.error() != null ? f.error() : f.outcome() == TickReport.Outcome.SKIPPED_BY_HOOK
                    ? "skipped by a fatal pre hook" : "a hook failed";
            named.add(f.filesystem() + " (" + why + ")");
        }
        return bad.size() + " of " + r.filesystems().size() + " filesystems failed in the tick " + r.snapshotName()
                + ": " + String.join(", ", named) + (bad.size() > 3 ? ", ..." : "");
    }
}
