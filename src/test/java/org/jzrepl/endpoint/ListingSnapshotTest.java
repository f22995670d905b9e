package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;

/** When a kept listing answers, on a clock the test moves: its age, and this endpoint's own changes. */
class ListingSnapshotTest {

    private static final DatasetPath A = DatasetPath.parse("pool/a");
    private static final DatasetPath B = DatasetPath.parse("pool/b");

    private final AtomicLong clock = new AtomicLong(1_000);
    private final ListingSnapshot snapshot = new ListingSnapshot(clock::get, Duration.ofNanos(100));

    private static DatasetInfo ds(DatasetPath p, long guid) {
        return new DatasetInfo(p, DatasetType.FILESYSTEM, new Guid(guid), Optional.empty(), false, "off",
                KeyStatus.NONE, Optional.empty(), List.of());
    }

    @Test
    void answersNothingBeforeTheFirstListingAndForFilesystemsItDidNotShow() {
        assertTrue(snapshot.lookup(A).isEmpty());
        snapshot.replace(List.of(ds(A, 1)), snapshot.now());
        assertEquals(1, snapshot.lookup(A).orElseThrow().guid().value());
        assertTrue(snapshot.lookup(B).isEmpty(), "a filesystem the listing did not show is listed on its own");
    }

    @Test
    void aListingAnswersUntilItsMaximumAgeFromItsEnd() {
        long started = snapshot.now();
        clock.addAndGet(50);                        // the listing took 50
        snapshot.replace(List.of(ds(A, 1)), started);
        clock.addAndGet(100);
        assertTrue(snapshot.lookup(A).isPresent(), "100 after its end");
        clock.addAndGet(1);
        assertTrue(snapshot.lookup(A).isEmpty(), "older than the maximum age");
    }

    @Test
    void aDryRunsCheckMayUseAnOlderListingButNotOneFromBeforeAChange() {
        snapshot.replace(List.of(ds(A, 1), ds(B, 2)), snapshot.now());
        clock.addAndGet(100L * ListingSnapshot.DRY_RUN_AGE_FACTOR);
        assertTrue(snapshot.lookup(A).isEmpty());
        assertTrue(snapshot.lookupForDryRun(A).isPresent());
        snapshot.changed(B);
        assertTrue(snapshot.lookupForDryRun(B).isEmpty());
        clock.addAndGet(1);
        assertTrue(snapshot.lookupForDryRun(A).isEmpty());
    }

    @Test
    void aChangeThisEndpointMadeAfterTheListingStartedHidesThatFilesystemOnly() {
        long started = snapshot.now();
        clock.addAndGet(10);
        snapshot.changed(A);                        // a receive ended while the listing ran
        clock.addAndGet(10);
        snapshot.replace(List.of(ds(A, 1), ds(B, 2)), started);
        assertTrue(snapshot.lookup(A).isEmpty(), "the listing may predate the change");
        assertTrue(snapshot.lookup(B).isPresent());

        clock.addAndGet(10);
        snapshot.replace(List.of(ds(A, 3), ds(B, 2)), snapshot.now());
        assertEquals(3, snapshot.lookup(A).orElseThrow().guid().value(), "a listing started after the change answers");
        clock.addAndGet(10);
        snapshot.changed(B);
        assertTrue(snapshot.lookup(B).isEmpty());
    }

    @Test
    void aListingThatStartedEarlierDoesNotReplaceALaterOne() {
        long early = snapshot.now();
        clock.addAndGet(10);
        long late = snapshot.now();
        snapshot.replace(List.of(ds(A, 2)), late);
        snapshot.replace(List.of(ds(A, 1)), early);
        assertEquals(2, snapshot.lookup(A).orElseThrow().guid().value());
    }
}
