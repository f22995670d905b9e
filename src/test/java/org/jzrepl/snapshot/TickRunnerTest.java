package org.jzrepl.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.snapshot.TickReport.FilesystemReport;
import org.jzrepl.snapshot.TickReport.Outcome;
import org.jzrepl.snapshot.TickReport.PoolReport;
import org.jzrepl.snapshot.hook.Hook;
import org.jzrepl.testing.zfs.InMemoryZfs;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.SnapshotBatches;

/** One tick over pools p (p/a, p/b) and q (q/c) with InMemoryZfs and fake hooks; p/x, p, q are not selected. */
class TickRunnerTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final String NAME = "zrepl_20260101_000000_000";
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final FilesystemFilter FILTER = FilesystemFilter.of(new LinkedHashMap<>(Map.of(
            "p/a", true, "p/b", true, "q/c", true)));

    final InMemoryZfs zfs = new InMemoryZfs();
    final List<String> log = new CopyOnWriteArrayList<>();
    /** How many snapshot commands zfs has run so far. */
    final FakeHook.Probe commands = env -> "cmds=" + zfs.calls().stream().filter(c -> c.startsWith("snapshot")).count();

    @BeforeEach
    void pools() throws Exception {
        for (String fs : List.of("p/a", "p/b", "p/x", "q/c")) {
            zfs.create(DatasetPath.parse(fs), Map.of(), true);
        }
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private TickReport tick(List<Hook> hooks) throws InterruptedException {
        return tick(hooks, SnapshotBatches.MAX_BYTES);
    }

    private TickReport tick(List<Hook> hooks, int maxBytes) throws InterruptedException {
        TickPlanner planner = new TickPlanner(FILTER, SnapshotNaming.of("zrepl_", "dense", "UTC"), hooks, CLOCK);
        return new TickRunner(zfs, CLOCK, maxBytes).run(planner.plan(zfs.listAll(), NOW));
    }

    private FilesystemVersion snapshot(String fs) throws Exception {
        return zfs.dataset(DatasetPath.parse(fs)).orElseThrow().snapshots().stream()
                .filter(v -> v.name().equals(NAME)).findFirst().orElse(null);
    }

    private static Map<String, Outcome> outcomes(TickReport r) {
        Map<String, Outcome> m = new LinkedHashMap<>();
        r.filesystems().forEach(f -> m.put(f.filesystem(), f.outcome()));
        return m;
    }

    @Test
    void everyPreHookThenOneCommandPerPoolThenEveryPostHookInReverse() throws Exception {
        TickReport r = tick(List.of(FakeHook.of("h1", log, commands), FakeHook.of("h2", log, commands)));

        assertEquals(List.of(
                "pre h1 p/a cmds=0", "pre h2 p/a cmds=0", "pre h1 p/b cmds=0", "pre h2 p/b cmds=0",
                "pre h1 q/c cmds=0", "pre h2 q/c cmds=0",
                "post h2 q/c cmds=2", "post h1 q/c cmds=2", "post h2 p/b cmds=2", "post h1 p/b cmds=2",
                "post h2 p/a cmds=2", "post h1 p/a cmds=2"), log);
        assertEquals(List.of("snapshotAtomically", "snapshotAtomically"),
                zfs.calls().stream().filter(c -> c.startsWith("snapshot")).toList());
        assertEquals(List.of(new PoolReport("p", 2, 1, true, null), new PoolReport("q", 1, 1, true, null)), r.pools());
        assertEquals(Map.of("p/a", Outcome.TAKEN, "p/b", Outcome.TAKEN, "q/c", Outcome.TAKEN), outcomes(r));
        assertTrue(r.allOk());
        assertEquals(List.of("fake h1", "fake h2", "fake h2", "fake h1"),
                r.filesystems().get(0).hooks().stream().map(TickReport.HookReport::hook).toList());
    }

    @Test
    void oneNameForEveryFilesystemOfTheTickAndOneCreatetxgPerPool() throws Exception {
        TickReport r = tick(List.of());

        assertEquals(NAME, r.snapshotName());
        assertEquals(NOW.toString(), r.at());
        FilesystemVersion a = snapshot("p/a");
        FilesystemVersion b = snapshot("p/b");
        FilesystemVersion c = snapshot("q/c");
        assertEquals(a.createTxg(), b.createTxg());
        assertFalse(a.guid().equals(b.guid()), "each snapshot has its own guid");
        assertTrue(c != null);
        assertNull(snapshot("p/x"), "not selected");
    }

    @Test
    void aFatalPreHookSkipsOnlyItsFilesystemAndItsEarlierHooksStillGetTheirPost() throws Exception {
        TickReport r = tick(List.of(FakeHook.of("lock", log, commands),
                FakeHook.of("freeze", log, commands).fatal().failingPreOn("p/b"),
                FakeHook.of("late", log, commands)));

        assertEquals(Map.of("p/a", Outcome.TAKEN, "p/b", Outcome.SKIPPED_BY_HOOK, "q/c", Outcome.TAKEN), outcomes(r));
        assertNull(snapshot("p/b"));
        assertEquals(List.of(new PoolReport("p", 1, 1, true, null), new PoolReport("q", 1, 1, true, null)), r.pools());
        assertTrue(log.contains("post lock p/b cmds=2"), log.toString());
        assertFalse(log.contains("pre late p/b cmds=0"), log.toString());
        FilesystemReport b = r.filesystems().get(1);
        assertFalse(b.ok());
        assertEquals("freeze pre failed on p/b", b.hooks().get(1).error());
        assertFalse(r.allOk());
    }

    @Test
    void aNonFatalHookFailureKeepsTheSnapshotButMarksTheFilesystemFailed() throws Exception {
        TickReport r = tick(List.of(FakeHook.of("h", log, commands).failingPreOn("p/a").failingPostOn("q/c")));

        assertEquals(Map.of("p/a", Outcome.TAKEN, "p/b", Outcome.TAKEN, "q/c", Outcome.TAKEN), outcomes(r));
        assertEquals(List.of(false, true, false), r.filesystems().stream().map(FilesystemReport::ok).toList());
        assertEquals(List.of("pre h p/a cmds=0", "pre h p/b cmds=0", "pre h q/c cmds=0", "post h q/c cmds=2",
                "post h p/b cmds=2"), log, "no post for the failed pre");
    }

    @Test
    void aFailingPoolCommandIsRetriedFilesystemByFilesystemSoOnlyTheBadOneFails() throws Exception {
        zfs.snapshot(DatasetPath.parse("p/b"), NAME);   // the name exists already on p/b
        TickReport r = tick(List.of());

        assertEquals(Map.of("p/a", Outcome.TAKEN, "p/b", Outcome.FAILED, "q/c", Outcome.TAKEN), outcomes(r));
        PoolReport p = r.pools().get(0);
        assertEquals(3, p.commands());
        assertFalse(p.atomic());
        assertTrue(p.commandError().contains("cannot create snapshot 'p/b@" + NAME + "': dataset already exists"),
                p.commandError());
        assertTrue(r.filesystems().get(1).error().contains("already exists"), r.filesystems().get(1).error());
        assertEquals(new PoolReport("q", 1, 1, true, null), r.pools().get(1));
        assertTrue(snapshot("p/a") != null);
    }

    @Test
    void aFilesystemDestroyedDuringThePreHooksFailsAloneAndTheHooksStillRun() throws Exception {
        FakeHook.Probe destroyB = env -> {
            if (env.fs().name().equals("p/b") && zfs.dataset(env.fs()).isPresent()) {
                try {
                    zfs.destroy(DatasetPath.parse("p/b"), true);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return "";
        };
        TickReport r = tick(List.of(FakeHook.of("destroyer", log, destroyB).only("p/b")));

        assertEquals(Map.of("p/a", Outcome.TAKEN, "p/b", Outcome.FAILED, "q/c", Outcome.TAKEN), outcomes(r));
        assertTrue(r.filesystems().get(1).error().contains("does not exist"), r.filesystems().get(1).error());
        assertEquals(2, log.size());
    }

    @Test
    void namesThatExceedOneCommandLineAreSplitAndThePoolIsReportedNotAtomic() throws Exception {
        // "p/a@NAME " is 30 bytes: 40 bytes hold one name per command
        TickReport r = tick(List.of(), 40);

        assertEquals(new PoolReport("p", 2, 2, false, null), r.pools().get(0));
        assertEquals(new PoolReport("q", 1, 1, true, null), r.pools().get(1));
        assertTrue(r.allOk());
        assertTrue(snapshot("p/a").createTxg() != snapshot("p/b").createTxg());
    }

    @Test
    void interruptedDuringThePreHooksTakesNothingRunsTheStartedPostsAndRethrows() throws Exception {
        FakeHook.Probe interruptOnB = env -> {
            if (env.fs().name().equals("p/b")) {
                Thread.currentThread().interrupt();
            }
            return "";
        };
        assertThrows(InterruptedException.class, () -> tick(List.of(FakeHook.of("h", log, interruptOnB))));

        assertTrue(Thread.currentThread().isInterrupted(), "interrupt status kept");
        assertEquals(List.of(), zfs.calls().stream().filter(c -> c.startsWith("snapshot")).toList());
        assertEquals(List.of("pre h p/a ", "pre h p/b ", "pre h q/c ", "post h q/c ", "post h p/b ", "post h p/a "),
                log, "posts run with the interrupt status cleared");
    }

    @Test
    void aPoolWhoseFilesystemsAreAllSkippedRunsNoCommand() throws Exception {
        TickReport r = tick(List.of(FakeHook.of("h", log, commands).fatal().failingPreOn("q/c")));
        assertEquals(new PoolReport("q", 0, 0, true, null), r.pools().get(1));
        assertEquals(List.of("snapshotAtomically"), zfs.calls().stream().filter(c -> c.startsWith("snapshot")).toList());
    }

    @Test
    void reportRoundTripsThroughAPlainObjectMapper() throws Exception {
        zfs.snapshot(DatasetPath.parse("p/b"), NAME);
        TickReport r = tick(List.of(FakeHook.of("h", log, commands).failingPostOn("p/a")));
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(r);
        assertEquals(r, json.readValue(text, TickReport.class));
        assertTrue(text.contains("\"outcome\":\"FAILED\""), text);
        List<String> keys = new ArrayList<>();
        json.readTree(text).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("at", "snapshotName", "durationMillis", "error", "pools", "filesystems"), keys);
    }
}
