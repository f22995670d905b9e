package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.jzrepl.endpoint.ListingSnapshot.Use;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;

/** When a kept listing answers, on a clock the test moves: its age, what was asked, this endpoint's own changes. */
class ListingSnapshotTest {

    private static final DatasetPath A = DatasetPath.parse("pool/a");
    private static final DatasetPath B = DatasetPath.parse("pool/b");

    private final AtomicLong clock = new AtomicLong(1_000);
    private final ListingSnapshot snapshot = new ListingSnapshot(clock::get, Duration.ofNanos(100),
            Duration.ofNanos(1_000));

    private static DatasetInfo ds(DatasetPath p, long guid) {
        return new DatasetInfo(p, DatasetType.FILESYSTEM, new Guid(guid), Optional.empty(), false, "off",
                KeyStatus.NONE, Optional.empty(), List.of());
    }

    @Test
    void answersNothingBeforeTheFirstListingAndForFilesystemsItDidNotShow() {
        assertTrue(snapshot.lookup(A, Use.VERSIONS).isEmpty());
        snapshot.replace(List.of(ds(A, 1)), snapshot.now());
        assertEquals(1, snapshot.lookup(A, Use.VERSIONS).orElseThrow().guid().value());
        assertTrue(snapshot.lookup(B, Use.VERSIONS).isEmpty(), "a filesystem the listing did not show is listed on its own");
    }

    @Test
    void aYoungListingAnswersEveryQuestionAnOlderOneEachFilesystemOncePerUse() {
        long started = snapshot.now();
        clock.addAndGet(50);                        // the listing took 50
        snapshot.replace(List.of(ds(A, 1), ds(B, 2)), started);
        clock.addAndGet(100);
        assertTrue(snapshot.lookup(A, Use.VERSIONS).isPresent(), "100 after its end");
        assertTrue(snapshot.lookup(A, Use.VERSIONS).isPresent(), "again");
        clock.addAndGet(1);
        assertTrue(snapshot.lookup(A, Use.VERSIONS).isEmpty(), "older than the short age and asked already");
        assertTrue(snapshot.lookup(A, Use.CURSOR).isPresent(), "another question, asked first");
        assertTrue(snapshot.lookup(A, Use.CURSOR).isEmpty());
        clock.addAndGet(899);
        assertTrue(snapshot.lookup(B, Use.VERSIONS).isPresent(), "first asked at the long age");
        snapshot.replace(List.of(ds(A, 1), ds(B, 2)), snapshot.now());
        clock.addAndGet(101);
        assertTrue(snapshot.lookup(A, Use.VERSIONS).isPresent(), "a new listing answers each filesystem once again");
        clock.addAndGet(900);
        assertTrue(snapshot.lookup(B, Use.DRY_RUN).isEmpty(), "older than the long age");
    }

    @Test
    void aChangeThisEndpointMadeAfterTheListingStartedHidesThatFilesystemOnly() {
        long started = snapshot.now();
        clock.addAndGet(10);
        snapshot.changed(A);                        // a receive ended while the listing ran
        clock.addAndGet(10);
        snapshot.replace(List.of(ds(A, 1), ds(B, 2)), started);
        assertTrue(snapshot.lookup(A, Use.VERSIONS).isEmpty(), "the listing may predate the change");
        assertTrue(snapshot.lookup(B, Use.VERSIONS).isPresent());

        clock.addAndGet(10);
        snapshot.replace(List.of(ds(A, 3), ds(B, 2)), snapshot.now());
        assertEquals(3, snapshot.lookup(A, Use.VERSIONS).orElseThrow().guid().value(),
                "a listing started after the change answers");
        clock.addAndGet(10);
        snapshot.changed(B);
        assertTrue(snapshot.lookup(B, Use.DRY_RUN).isEmpty());
    }

    @Test
    void aListingThatStartedEarlierDoesNotReplaceALaterOne() {
        long early = snapshot.now();
        clock.addAndGet(10);
        long late = snapshot.now();
        snapshot.replace(List.of(ds(A, 2)), late);
        snapshot.replace(List.of(ds(A, 1)), early);
        assertEquals(2, snapshot.lookup(A, Use.VERSIONS).orElseThrow().guid().value());
    }
}
