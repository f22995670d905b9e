package org.jzrepl.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.jzrepl.pruning.CursorPosition.AFTER;
import static org.jzrepl.pruning.CursorPosition.AT;
import static org.jzrepl.pruning.CursorPosition.BEFORE;
import static org.jzrepl.pruning.CursorPosition.NO_CURSOR;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.VersionType;

class CandidatesTest {

    private static FilesystemVersion snap(String name, long guid, long txg) {
        return new FilesystemVersion(VersionType.SNAPSHOT, name, new Guid(guid), txg, Instant.ofEpochSecond(txg * 10));
    }

    private static FilesystemVersion bookmark(String name, long guid, long txg) {
        return new FilesystemVersion(VersionType.BOOKMARK, name, new Guid(guid), txg, Instant.ofEpochSecond(txg * 10));
    }

    // listed out of order, with a bookmark carrying the cursor's guid (the cursor itself)
    private static final List<FilesystemVersion> VERSIONS = List.of(
            snap("c", 3, 30), snap("a", 1, 10), bookmark("zrepl_CURSOR", 2, 20), snap("b", 2, 20), snap("d", 4, 40));

    private static List<String> render(List<PruneCandidate> cs) {
        return cs.stream().map(c -> c.name() + "=" + c.cursor()).toList();
    }

    @Test
    void dropsBookmarksAndPlacesSnapshotsAroundTheCursorInCreatetxgOrder() {
        assertEquals(List.of("a=BEFORE", "b=AT", "c=AFTER", "d=AFTER"),
                render(Candidates.of(VERSIONS, Optional.of(new Guid(2)))));
    }

    @Test
    void withoutACursorMarksEverySnapshot() {
        assertEquals(List.of("a=NO_CURSOR", "b=NO_CURSOR", "c=NO_CURSOR", "d=NO_CURSOR"),
                render(Candidates.of(VERSIONS, Optional.empty())));
    }

    @Test
    void countsNothingAsReplicatedWhenTheCursorsSnapshotIsMissing() {
        assertEquals(List.of("a=AFTER", "b=AFTER", "c=AFTER", "d=AFTER"),
                render(Candidates.of(VERSIONS, Optional.of(new Guid(99)))));
    }

    @Test
    void carriesNameAndCreation() {
        assertEquals(new PruneCandidate("a", Instant.ofEpochSecond(100), BEFORE),
                Candidates.of(VERSIONS, Optional.of(new Guid(4))).get(0));
        assertEquals(AT, Candidates.of(VERSIONS, Optional.of(new Guid(4))).get(3).cursor());
        assertEquals(NO_CURSOR, Candidates.of(List.of(snap("x", 1, 1)), Optional.empty()).get(0).cursor());
        assertEquals(AFTER, Candidates.of(List.of(snap("x", 1, 1)), Optional.of(new Guid(5))).get(0).cursor());
    }

    @Test
    void rejectsTwoSnapshotsWithTheCursorsGuid() {
        assertEquals("snapshots @a and @b both carry the replication cursor's guid 7",
                assertThrows(IllegalArgumentException.class, () -> Candidates.of(
                        List.of(snap("a", 7, 1), snap("b", 7, 2)), Optional.of(new Guid(7)))).getMessage());
    }
}
