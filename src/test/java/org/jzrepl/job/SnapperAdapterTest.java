package org.jzrepl.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jzrepl.snapshot.TickReport;
import org.jzrepl.snapshot.TickReport.FilesystemReport;
import org.jzrepl.snapshot.TickReport.Outcome;
import org.junit.jupiter.api.Test;

/** The one line a partly failed tick shows in the snapshotter's status. */
class SnapperAdapterTest {

    private static FilesystemReport fs(String name, Outcome o, String error) {
        return new FilesystemReport(name, o, o == Outcome.TAKEN && error == null, error, List.of());
    }

    @Test
    void aTickThatCouldNotStartSaysWhy() {
        TickReport r = TickReport.failed(java.time.Instant.EPOCH, "jz_1", java.time.Duration.ZERO,
                "list filesystems: pool is suspended");
        assertEquals("snapshot tick failed: list filesystems: pool is suspended", SnapperAdapter.problem(r));
    }

    @Test
    void namesTheFirstThreeFailedFilesystemsAndWhy() {
        TickReport r = new TickReport("1970-01-01T00:00:00Z", "jz_1", 5, null, List.of(), List.of(
                fs("tank/a", Outcome.TAKEN, null),
                fs("tank/b", Outcome.FAILED, "out of space"),
                fs("tank/c", Outcome.SKIPPED_BY_HOOK, null),
                new FilesystemReport("tank/d", Outcome.TAKEN, false, null, List.of()),
                fs("tank/e", Outcome.FAILED, "dataset is busy")));
        assertEquals("4 of 5 filesystems failed in the tick jz_1: tank/b (out of space), tank/c (skipped by a"
                + " fatal pre hook), tank/d (a hook failed), ...", SnapperAdapter.problem(r));
    }
}
