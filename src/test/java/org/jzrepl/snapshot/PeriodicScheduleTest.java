package org.jzrepl.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jzrepl.snapshot.PeriodicSchedule.ListFailed;
import org.jzrepl.snapshot.PeriodicSchedule.Listed;
import org.jzrepl.snapshot.PeriodicSchedule.Listing;
import org.jzrepl.snapshot.PeriodicSchedule.Problem;
import org.jzrepl.snapshot.PeriodicSchedule.SyncPoint;
import org.jzrepl.snapshot.PeriodicSchedule.SyncUpException;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.VersionType;
import org.junit.jupiter.api.Test;

/** zrepl's findSyncPoint (daemon/snapper/periodic.go) as tables: now is 12:00, the interval 10 minutes. */
class PeriodicScheduleTest {

    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private static long txg = 100;

    /** A snapshot created at NOW + minutes (negative: in the past), each with a higher createtxg. */
    private static FilesystemVersion snap(String name, int minutes) {
        return new FilesystemVersion(VersionType.SNAPSHOT, name, new Guid(txg), txg++, NOW.plusSeconds(60L * minutes));
    }

    private static Listing fs(String name, FilesystemVersion... versions) {
        return new Listed(name, List.of(versions));
    }

    private static SyncPoint sync(Listing... listings) throws SyncUpException {
        return PeriodicSchedule.syncPoint(List.of(listings), "zrepl_", TEN_MINUTES, NOW);
    }

    @Test
    void noFilesystemsMeansNow() throws Exception {
        assertEquals(new SyncPoint(NOW, List.of(), List.of()), sync());
    }

    @Test
    void noPrefixedSnapshotsAnywhereMeansNow() throws Exception {
        SyncPoint p = sync(fs("pool/a"), fs("pool/b", snap("manual_1", -3)));
        assertEquals(new SyncPoint(NOW, List.of(), List.of()), p);
        assertEquals(Duration.ZERO, p.delay(NOW));
    }

    @Test
    void allOldTicksAtOnceAtTheEarliestOverdueTime() throws Exception {
        SyncPoint p = sync(fs("pool/a", snap("zrepl_1", -60), snap("zrepl_2", -30)), fs("pool/b", snap("zrepl_1", -45)));
        assertEquals(NOW.minusSeconds(35 * 60), p.at());
        assertEquals(Duration.ZERO, p.delay(NOW));
    }

    @Test
    void oneRecentSnapshotWaitsForItsInterval() throws Exception {
        SyncPoint p = sync(fs("pool/a", snap("zrepl_1", -4)));
        assertEquals(NOW.plusSeconds(6 * 60), p.at());
        assertEquals(Duration.ofMinutes(6), p.delay(NOW));
    }

    @Test
    void theEarliestFilesystemWins() throws Exception {
        SyncPoint p = sync(fs("pool/a", snap("zrepl_1", -2)), fs("pool/b", snap("zrepl_1", -7)),
                fs("pool/c", snap("zrepl_1", -5)));
        assertEquals(NOW.plusSeconds(3 * 60), p.at());
    }

    /** zrepl sorts by (has versions, time): a filesystem without snapshots does not mean "now". */
    @Test
    void filesystemsWithSnapshotsWinOverThoseWithoutAndTheLatterAreNamed() throws Exception {
        SyncPoint p = sync(fs("pool/new"), fs("pool/a", snap("zrepl_1", -4)), fs("pool/other", snap("hourly_1", -50)));
        assertEquals(new SyncPoint(NOW.plusSeconds(6 * 60), List.of(), List.of("pool/new", "pool/other")), p);
    }

    @Test
    void filesystemsWithoutSnapshotsAreNotNamedWhenTheTickIsDue() throws Exception {
        SyncPoint p = sync(fs("pool/new"), fs("pool/a", snap("zrepl_1", -10)));
        assertEquals(new SyncPoint(NOW, List.of(), List.of()), p);
    }

    @Test
    void newestIsByCreatetxgNotByCreationTimeAndBookmarksDoNotCount() throws Exception {
        FilesystemVersion older = snap("zrepl_b", -1);
        FilesystemVersion newerTxgEarlierClock = snap("zrepl_a", -20);
        FilesystemVersion bookmark = new FilesystemVersion(VersionType.BOOKMARK, "zrepl_c", new Guid(1), txg++, NOW);
        SyncPoint p = sync(new Listed("pool/a", List.of(newerTxgEarlierClock, bookmark, older)));
        assertEquals(NOW.minusSeconds(10 * 60), p.at());
    }

    @Test
    void aSnapshotFromTheFutureLeavesItsFilesystemOutWithAnError() throws Exception {
        SyncPoint p = sync(fs("pool/a", snap("zrepl_1", -20), snap("zrepl_2", 5)), fs("pool/b", snap("zrepl_1", -3)));
        assertEquals(NOW.plusSeconds(7 * 60), p.at());
        assertEquals(List.of(new Problem("pool/a", "snapshot pool/a@zrepl_2 is from the future: creation="
                + "2024-03-01T12:05:00Z now=2024-03-01T12:00:00Z (check the clock of this host)")), p.problems());
    }

    @Test
    void failsWhenEveryFilesystemFails() {
        SyncUpException e = assertThrows(SyncUpException.class,
                () -> sync(fs("pool/a", snap("zrepl_1", 1)), new ListFailed("pool/b", "dataset does not exist")));
        assertEquals(2, e.problems().size());
        assertEquals("cannot determine the sync point: it failed for every selected filesystem: pool/a: snapshot"
                + " pool/a@zrepl_1 is from the future: creation=2024-03-01T12:01:00Z now=2024-03-01T12:00:00Z (check"
                + " the clock of this host); pool/b: list filesystem versions: dataset does not exist", e.getMessage());
    }

    @Test
    void aFailedListingWithAFilesystemWithoutSnapshotsMeansNow() throws Exception {
        SyncPoint p = sync(new ListFailed("pool/b", "permission denied"), fs("pool/new"));
        assertEquals(NOW, p.at());
        assertEquals(List.of(new Problem("pool/b", "list filesystem versions: permission denied")), p.problems());
    }

    @Test
    void prefixIsAPlainStartsWithOnTheShortName() throws Exception {
        List<Listing> l = new ArrayList<>();
        l.add(fs("pool/a", snap("zrepl_x", -1), snap("zrepl", -9), snap("xzrepl_1", -2)));
        assertEquals(NOW.plusSeconds(9 * 60), PeriodicSchedule.syncPoint(l, "zrepl_", TEN_MINUTES, NOW).at());
    }

    @Test
    void laterTicksAreTheLastStartPlusTheInterval() {
        assertEquals(NOW.plus(TEN_MINUTES), PeriodicSchedule.nextTick(NOW, TEN_MINUTES));
        assertThrows(IllegalArgumentException.class,
                () -> PeriodicSchedule.syncPoint(List.of(), "zrepl_", Duration.ZERO, NOW));
    }
}
