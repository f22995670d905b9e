package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.VersionRef;
import org.jzrepl.zfs.Zfs;

/** zfs-abstraction list and release-stale on real holds and bookmarks. */
@Timeout(300)
class AbstractionsIT {

    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();

    @Test
    void listsEveryReplicationHoldAndCursorAndReleasesOnlyTheStaleOnes() throws Exception {
        Zfs zfs = TESTBED.zfs();
        DatasetPath fs = TESTBED.path("abs");
        zfs.create(fs, Map.of(), false);
        for (String s : List.of("a1", "a2", "a3")) {
            zfs.snapshot(fs, s);
        }
        List<FilesystemVersion> snaps = zfs.listTree(fs).get(0).snapshots();
        Guid g1 = snaps.get(0).guid();
        Guid g2 = snaps.get(1).guid();
        Guid g3 = snaps.get(2).guid();
        zfs.hold(fs, "a1", AbstractionNames.stepHold("jobA"));
        zfs.hold(fs, "a1", AbstractionNames.lastReceivedHold("jobA"));
        zfs.hold(fs, "a3", AbstractionNames.lastReceivedHold("jobA"));
        zfs.hold(fs, "a2", "zrepl_STEP_J_jobA");
        zfs.hold(fs, "a3", "keep-mine");
        zfs.bookmark(fs, VersionRef.snapshot("a1"), AbstractionNames.cursor(g1, "jobA"));
        zfs.bookmark(fs, VersionRef.snapshot("a3"), AbstractionNames.cursor(g3, "jobA"));
        zfs.bookmark(fs, VersionRef.snapshot("a2"), AbstractionNames.tentativeCursor(g2, "jobA"));
        zfs.bookmark(fs, VersionRef.snapshot("a1"), "zrepl_CURSOR_G_" + g1.hex() + "_J_jobA");
        zfs.bookmark(fs, VersionRef.snapshot("a2"), "plain-bookmark");

        Abstractions abstractions = new Abstractions(zfs);
        Abstractions.Query q = new Abstractions.Query(FilesystemFilter.of(Map.of(fs.name(), true)), Set.of(), Set.of());
        List<String> listed = abstractions.list(q).stream().map(Abstraction::toString).sorted().toList();
        assertEquals(List.of(
                "cursor " + fs + "#" + AbstractionNames.cursor(g1, "jobA"),
                "cursor " + fs + "#" + AbstractionNames.cursor(g3, "jobA"),
                "cursor " + fs + "#zrepl_CURSOR_G_" + g1.hex() + "_J_jobA",
                "last-received-hold jzrepl_last_received_J_jobA on " + fs + "@a1",
                "last-received-hold jzrepl_last_received_J_jobA on " + fs + "@a3",
                "step-hold jzrepl_STEP_J_jobA on " + fs + "@a1",
                "step-hold zrepl_STEP_J_jobA on " + fs + "@a2",
                "tentative-cursor " + fs + "#" + AbstractionNames.tentativeCursor(g2, "jobA")).stream().sorted().toList(),
                listed);
        assertEquals(List.of(), abstractions.list(new Abstractions.Query(q.filesystems(), Set.of("other"), Set.of())));
        assertEquals(2, abstractions.list(new Abstractions.Query(q.filesystems(), Set.of(),
                Set.of(AbstractionType.LAST_RECEIVED_HOLD))).size());

        List<Abstraction> stale = abstractions.stale(q, Set.of());
        assertEquals(List.of(
                "cursor " + fs + "#" + AbstractionNames.cursor(g1, "jobA"),
                "last-received-hold jzrepl_last_received_J_jobA on " + fs + "@a1",
                "step-hold jzrepl_STEP_J_jobA on " + fs + "@a1",
                "tentative-cursor " + fs + "#" + AbstractionNames.tentativeCursor(g2, "jobA")).stream().sorted().toList(),
                stale.stream().map(Abstraction::toString).sorted().toList());
        List<Abstractions.Released> released = abstractions.release(stale);
        assertTrue(released.stream().allMatch(r -> r.error() == null), released.toString());

        assertEquals(List.of(), zfs.holds(fs, "a1"));
        assertEquals(List.of("zrepl_STEP_J_jobA"), zfs.holds(fs, "a2"));
        assertEquals(Set.of("jzrepl_last_received_J_jobA", "keep-mine"), Set.copyOf(zfs.holds(fs, "a3")));
        assertEquals(Set.of(AbstractionNames.cursor(g3, "jobA"), "zrepl_CURSOR_G_" + g1.hex() + "_J_jobA",
                "plain-bookmark"), Set.copyOf(zfs.listTree(fs).get(0).bookmarks().stream()
                .map(FilesystemVersion::name).toList()));
        assertEquals(List.of(), abstractions.stale(q, Set.of()), "nothing stale is left");

        Abstraction foreign = abstractions.list(q).stream().filter(Abstraction::foreign).findFirst().orElseThrow();
        Abstractions.Released refused = abstractions.release(List.of(foreign)).get(0);
        assertTrue(refused.error().contains("zrepl"), refused.toString());
    }
}
