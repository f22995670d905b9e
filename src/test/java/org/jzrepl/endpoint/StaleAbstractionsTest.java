package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.VersionType;

class StaleAbstractionsTest {

    private static final DatasetPath FS = DatasetPath.parse("pool/data");
    private static final DatasetPath OTHER = DatasetPath.parse("pool/other");

    private static FilesystemVersion snap(long txg) {
        return new FilesystemVersion(VersionType.SNAPSHOT, "s" + txg, new Guid(txg), txg, Instant.EPOCH);
    }

    private static Abstraction hold(DatasetPath fs, long txg, String tag) {
        return Abstraction.ofHold(fs, snap(txg), tag).orElseThrow();
    }

    private static Abstraction cursor(DatasetPath fs, long txg, String job) {
        return bookmark(fs, AbstractionNames.cursor(new Guid(txg), job), txg);
    }

    private static Abstraction tentative(DatasetPath fs, long txg, String job) {
        return bookmark(fs, AbstractionNames.tentativeCursor(new Guid(txg), job), txg);
    }

    private static Abstraction bookmark(DatasetPath fs, String name, long txg) {
        return Abstraction.ofBookmark(fs, new FilesystemVersion(VersionType.BOOKMARK, name, new Guid(txg), txg,
                Instant.EPOCH)).orElseThrow();
    }

    @Test
    void olderCursorsOfAJobAreStaleTheNewestIsKept() {
        Abstraction c1 = cursor(FS, 10, "a");
        Abstraction c2 = cursor(FS, 20, "a");
        Abstraction c3 = cursor(FS, 30, "a");
        assertEquals(List.of(c1, c2), StaleAbstractions.stale(List.of(c1, c3, c2), Set.of()));
    }

    @Test
    void cursorsAreJudgedPerJobAndPerFilesystem() {
        Abstraction a = cursor(FS, 10, "a");
        Abstraction b = cursor(FS, 5, "b");
        Abstraction other = cursor(OTHER, 1, "a");
        assertEquals(List.of(), StaleAbstractions.stale(List.of(a, b, other), Set.of()));
    }

    @Test
    void lastReceivedHoldsOnAnythingButTheNewestHeldSnapshotAreStale() {
        Abstraction old = hold(FS, 10, AbstractionNames.lastReceivedHold("a"));
        Abstraction newest = hold(FS, 20, AbstractionNames.lastReceivedHold("a"));
        Abstraction otherJob = hold(FS, 5, AbstractionNames.lastReceivedHold("b"));
        assertEquals(List.of(old), StaleAbstractions.stale(List.of(newest, old, otherJob), Set.of()));
    }

    @Test
    void stepHoldsAndTentativeCursorsAreStaleWhenTheJobRunsNoStep() {
        Abstraction step = hold(FS, 30, AbstractionNames.stepHold("a"));
        Abstraction tent = tentative(FS, 30, "a");
        Abstraction cur = cursor(FS, 20, "a");
        assertEquals(List.of(step, tent), StaleAbstractions.stale(List.of(step, tent, cur), Set.of("b")));
    }

    @Test
    void aRunningStepKeepsItsHoldsOnFromAndTo() {
        Abstraction cur = cursor(FS, 20, "a");
        Abstraction onFrom = hold(FS, 20, AbstractionNames.stepHold("a"));
        Abstraction onTo = hold(FS, 30, AbstractionNames.stepHold("a"));
        Abstraction tentTo = tentative(FS, 30, "a");
        assertEquals(List.of(), StaleAbstractions.stale(List.of(cur, onFrom, onTo, tentTo), Set.of("a")));
    }

    @Test
    void aRunningJobsLeftoversOlderThanItsCursorAreStale() {
        Abstraction cur = cursor(FS, 20, "a");
        Abstraction oldStep = hold(FS, 10, AbstractionNames.stepHold("a"));
        Abstraction oldTent = tentative(FS, 10, "a");
        assertEquals(List.of(oldStep, oldTent), StaleAbstractions.stale(List.of(cur, oldStep, oldTent), Set.of("a")));
    }

    @Test
    void zreplsAbstractionsAreNeverStale() {
        Abstraction zstep = hold(FS, 10, "zrepl_STEP_J_a");
        Abstraction zlast = hold(FS, 10, "zrepl_last_received_J_a");
        Abstraction zcur = bookmark(FS, "zrepl_CURSOR_G_000000000000000a_J_a", 10);
        Abstraction newer = cursor(FS, 20, "a");
        assertEquals(List.of(), StaleAbstractions.stale(List.of(zstep, zlast, zcur, newer), Set.of()));
    }

    @Test
    void nothingListedNothingStale() {
        assertEquals(List.of(), StaleAbstractions.stale(List.of(), Set.of()));
    }

    @Test
    void aSourceJobsCursorsAreJudgedPerClientAndTheLegacyOneStays() {
        Abstraction aliceOld = bookmark(FS, AbstractionNames.cursor(new Guid(10), "src", "alice"), 10);
        Abstraction aliceNew = bookmark(FS, AbstractionNames.cursor(new Guid(30), "src", "alice"), 30);
        Abstraction bob = bookmark(FS, AbstractionNames.cursor(new Guid(5), "src", "bob"), 5);
        Abstraction legacy = cursor(FS, 20, "src");
        assertEquals(List.of(aliceOld), StaleAbstractions.stale(List.of(aliceOld, aliceNew, bob, legacy), Set.of()));
    }

    @Test
    void aClientsStepHoldOlderThanItsOwnCursorIsStaleNotOneOlderThanAnotherClientsCursor() {
        Abstraction alice = bookmark(FS, AbstractionNames.cursor(new Guid(30), "src", "alice"), 30);
        Abstraction bobsStep = hold(FS, 20, AbstractionNames.stepHold("src", "bob"));
        Abstraction alicesOldStep = hold(FS, 20, AbstractionNames.stepHold("src", "alice"));
        assertEquals(List.of(alicesOldStep),
                StaleAbstractions.stale(List.of(alice, bobsStep, alicesOldStep), Set.of("src")));
    }
}
