package org.jzrepl.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.ZfsReceiver;
import org.jzrepl.endpoint.ZfsSender;
import org.jzrepl.runtime.Sleeper;
import org.jzrepl.testing.zfs.InMemoryZfs;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.SendFlags;

/**
 * The zfs calls pruning costs with many filesystems: the per-filesystem version listings and
 * cursor questions are answered from each side's one recursive listing, while every destroy
 * still lists its filesystem afresh.
 */
class PrunerCallsTest {

    private static final int N = 50;
    private static final DatasetPath ROOT = DatasetPath.parse("tank/dst");
    private static final Sleeper NO_SLEEP = (d, wake) -> false;

    private final InMemoryZfs src = new InMemoryZfs();
    private final InMemoryZfs dst = new InMemoryZfs();
    private final ZfsSender sender = new ZfsSender(src, "job", FilesystemFilter.of(Map.of("pool/many<", true,
            "pool/many", false)), SendFlags.NONE);
    private final ZfsReceiver receiver = ZfsReceiver.forPull(dst, "job", ROOT, RecvOptions.DEFAULT);

    PrunerCallsTest() throws Exception {
        dst.create(ROOT, Map.of(), true);
        for (int i = 1; i <= N; i++) {
            DatasetPath fs = DatasetPath.parse("pool/many/f" + i);
            src.create(fs, Map.of(), true);
            DatasetPath copy = ROOT.child("pool").child("many").child("f" + i);
            dst.create(copy, Map.of(), true);
            for (String s : List.of("s1", "s2")) {
                src.snapshot(fs, s);
                FilesystemVersion v = src.dataset(fs).orElseThrow().snapshots().stream()
                        .filter(x -> x.name().equals(s)).findFirst().orElseThrow();
                dst.received(copy, s, v.guid(), Instant.parse("2026-01-01T00:00:00Z"));
            }
        }
    }

    private static List<String> since(InMemoryZfs zfs, int before) {
        return zfs.calls().subList(before, zfs.calls().size());
    }

    private static KeepRegex keep(String regex) {
        return new KeepRegex(Pattern.compile(regex), false);
    }

    @Test
    void pruningThatKeepsEverythingListsEachSideOnce() throws Exception {
        int s = src.calls().size();
        int d = dst.calls().size();
        PruneReport r = Pruner.sender(sender, receiver, "pull", List.of(keep(".*")), PruneSettings.DEFAULT, NO_SLEEP)
                .run();
        assertEquals(N, r.filesystems().size());
        assertEquals(List.of("listTrees"), since(src, s), "versions and cursors of all " + N + " from one listing");
        assertEquals(List.of("listTree"), since(dst, d));

        s = src.calls().size();
        d = dst.calls().size();
        Pruner.receiver(receiver, sender, List.of(keep(".*")), PruneSettings.DEFAULT, NO_SLEEP).run();
        assertEquals(List.of("listTrees"), since(src, s));
        assertEquals(List.of("listTree"), since(dst, d));
    }

    @Test
    void everyDestroyStillListsItsFilesystemAfresh() throws Exception {
        int s = src.calls().size();
        Pruner.sender(sender, receiver, "pull", List.of(keep("^s2$")), PruneSettings.DEFAULT, NO_SLEEP).run();
        List<String> calls = since(src, s);
        assertEquals(1, Collections.frequency(calls, "listTrees"));
        assertEquals(N, Collections.frequency(calls, "dataset"), "the destroy's own listing, one per filesystem");
        assertEquals(N, Collections.frequency(calls, "destroySnapshots"));
        assertEquals(List.of("s2"), src.snapshotNames(DatasetPath.parse("pool/many/f" + N)));
    }
}
