package org.jzrepl.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.CronSpec;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.SnapshottingConfig;
import org.jzrepl.snapshot.hook.Hook;
import org.jzrepl.testing.zfs.InMemoryZfs;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.ZfsException;

/**
 * The snapper as the runtime calls it, over InMemoryZfs, whose snapshot of createtxg T was created
 * at 1,700,000,000 + T seconds: sync-up from a real listing, preview, cron, manual.
 */
class SnapperTest {
    static final Instant EPOCH = Instant.ofEpochSecond(1_700_000_000L);
    static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    static final FilesystemFilter FILTER = FilesystemFilter.of(new LinkedHashMap<>(Map.of(
            "p/a", true, "p/b", true, "q/c", true)));

    final InMemoryZfs zfs = new InMemoryZfs();
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void pools() throws Exception {
        for (String fs : List.of("p/a", "p/b", "p/x", "q/c")) {
            zfs.create(DatasetPath.parse(fs), Map.of(), true);
        }
    }

    private void snapshot(String fs, String name) throws ZfsException {
        zfs.snapshot(DatasetPath.parse(fs), name);
    }

    private Snapper periodic(FilesystemFilter filter, List<Hook> hooks) {
        SnapshottingConfig config = new SnapshottingConfig.Periodic("zrepl_", TEN_MINUTES, "dense", "UTC", List.of());
        return Snapper.of(config, filter, hooks, zfs, Clock.fixed(EPOCH, ZoneOffset.UTC)).orElseThrow();
    }

    @Test
    void syncUpTicksAtTheEarliestNewestPrefixedSnapshotPlusIntervalOfTheSelectedFilesystems() throws Exception {
        snapshot("p/a", "zrepl_1");    // txg 1: created EPOCH+1
        snapshot("p/b", "zrepl_2");    // txg 2
        snapshot("p/a", "zrepl_3");    // txg 3: p/a's newest prefixed one
        snapshot("p/b", "other_4");    // not prefixed
        snapshot("p/x", "zrepl_5");    // not selected

        NextTick next = periodic(FILTER, List.of()).firstTick(EPOCH.plusSeconds(100));

        assertEquals(EPOCH.plusSeconds(2).plus(TEN_MINUTES), next.at());
        assertEquals(List.of(), next.errors());
        assertEquals(List.of("q/c"), next.waitingWithoutSnapshots());
        assertEquals(Duration.ofSeconds(502), next.delay(EPOCH.plusSeconds(100)));
    }

    @Test
    void syncUpInThePastTicksAtOnce() throws Exception {
        snapshot("p/a", "zrepl_1");
        NextTick next = periodic(FILTER, List.of()).firstTick(EPOCH.plus(Duration.ofHours(1)));
        assertEquals(Duration.ZERO, next.delay(EPOCH.plus(Duration.ofHours(1))));
    }

    @Test
    void aSnapshotFromTheFutureIsAnErrorThatSaysSoAndLeavesThatFilesystemOut() throws Exception {
        snapshot("p/a", "zrepl_1");    // EPOCH+1
        snapshot("p/b", "zrepl_2");    // EPOCH+2: after now
        NextTick next = periodic(FILTER, List.of()).firstTick(EPOCH.plusSeconds(1));

        assertEquals(EPOCH.plusSeconds(1).plus(TEN_MINUTES), next.at());
        assertEquals(1, next.errors().size());
        assertTrue(next.errors().get(0).startsWith("p/b: snapshot p/b@zrepl_2 is from the future"), next.errors().get(0));
    }

    @Test
    void whenSyncUpFailsForEveryFilesystemTheSnapperWaitsAnInterval() throws Exception {
        snapshot("p/a", "zrepl_1");
        FilesystemFilter onlyA = FilesystemFilter.of(Map.of("p/a", true));
        NextTick next = periodic(onlyA, List.of()).firstTick(EPOCH);

        assertEquals(EPOCH.plus(TEN_MINUTES), next.at());
        assertTrue(next.errors().get(0).contains("is from the future"), next.errors().toString());
    }

    @Test
    void aFailedListingMakesThePeriodicSnapperWaitAnInterval() {
        TickSchedule s = new TickSchedule.Periodic("zrepl_", TEN_MINUTES);
        NextTick next = s.first(EPOCH, () -> {
            throw new ZfsException(List.of("list"), 1, "pool I/O is currently suspended");
        });
        assertEquals(EPOCH.plus(TEN_MINUTES), next.at());
        assertTrue(next.errors().get(0).contains("list filesystems: zfs list (exit 1): pool I/O is currently suspended"),
                next.errors().toString());
    }

    @Test
    void laterPeriodicTicksComeAnIntervalAfterThePreviousStart() {
        Snapper s = periodic(FILTER, List.of());
        assertEquals(NextTick.at(EPOCH.plus(TEN_MINUTES)), s.nextTick(EPOCH, EPOCH.plusSeconds(30)));
    }

    @Test
    void aTickThroughTheSnapperListsOnceAndTakesOneCommandPerPool() throws Exception {
        TickReport r = periodic(FILTER, List.of()).tick(Instant.parse("2026-05-14T23:16:23Z"));
        assertEquals("zrepl_20260514_231623_000", r.snapshotName());
        assertEquals(List.of("create", "create", "create", "create", "create", "create",
                "listDatasets", "snapshotAtomically", "snapshotAtomically"), zfs.calls());
        assertEquals(3, r.taken());
    }

    @Test
    void previewNamesTheSnapshotsAndHooksAndTakesNothing() throws Exception {
        FakeHook h = FakeHook.of("freeze", log, env -> "").only("p/b");
        Snapper s = periodic(FILTER, List.of(h));
        int before = zfs.calls().size();

        TickPreview p = s.preview(Instant.parse("2026-05-14T23:16:23Z"));

        assertEquals(List.of("listDatasets"), zfs.calls().subList(before, zfs.calls().size()));
        assertEquals(List.of(), log, "no hook ran");
        assertEquals(List.of(), zfs.snapshotNames(DatasetPath.parse("p/b")));
        assertEquals(new TickPreview("2026-05-14T23:16:23Z", "zrepl_20260514_231623_000", List.of(
                new TickPreview.PoolPreview("p", 1, List.of(new TickPreview.FilesystemPreview("p/a", List.of()),
                        new TickPreview.FilesystemPreview("p/b", List.of("fake freeze")))),
                new TickPreview.PoolPreview("q", 1, List.of(new TickPreview.FilesystemPreview("q/c", List.of()))))), p);
        assertEquals(List.of("p/a@zrepl_20260514_231623_000", "p/b@zrepl_20260514_231623_000",
                "q/c@zrepl_20260514_231623_000"), p.snapshots());
    }

    @Test
    void cronTicksAtTheNextMatchInTheClocksZoneAndCountsTicksMissedDuringATick() {
        SnapshottingConfig config = new SnapshottingConfig.Cron("zrepl_", CronSpec.parse("0 3 * * *"), "dense", "UTC",
                List.of());
        Clock berlin = Clock.fixed(EPOCH, ZoneId.of("Europe/Berlin"));
        Snapper s = Snapper.of(config, FILTER, List.of(), zfs, berlin).orElseThrow();

        assertEquals(NextTick.at(Instant.parse("2026-01-01T02:00:00Z")), s.firstTick(Instant.parse("2026-01-01T00:00:00Z")));
        NextTick after = s.nextTick(Instant.parse("2026-01-01T02:00:00Z"), Instant.parse("2026-01-03T02:30:00Z"));
        assertEquals(Instant.parse("2026-01-04T02:00:00Z"), after.at());
        assertEquals(2, after.skippedTicks());
        assertEquals(List.of("cron frequency is too high; snapshots were not taken 2 times"), after.errors());
        assertEquals(List.of("create", "create", "create", "create", "create", "create"), zfs.calls(), "cron lists nothing");
    }

    @Test
    void manualSnapshottingHasNoSnapper() {
        assertTrue(Snapper.of(new SnapshottingConfig.Manual(), FILTER, List.of(), zfs, Clock.systemUTC()).isEmpty());
    }
}
