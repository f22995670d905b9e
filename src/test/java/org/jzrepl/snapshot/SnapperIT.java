package org.jzrepl.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.SnapshottingConfig;
import org.jzrepl.snapshot.TickReport.Outcome;
import org.jzrepl.snapshot.TickReport.PoolReport;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.cmd.ZfsCli;

/**
 * A tick on real ZFS over filesystems of two pools (the testbed's pool of this class and a
 * second one): one {@code zfs snapshot} command per pool, one name, one createtxg per pool.
 */
@Timeout(300)
class SnapperIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();

    static String second;
    final List<String> verbs = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void secondPool() {
        second = TESTBED.pool().name() + "b";
        TESTBED.guest("truncate -s 128M /var/tmp/" + second + ".img && zpool create -f -m none -o ashift=12 "
                + second + " /var/tmp/" + second + ".img");
        String one = TESTBED.pool().name();
        TESTBED.guest("zfs create " + one + "/a && zfs create " + one + "/b && zfs create " + one + "/x"
                + " && zfs create " + second + "/c && zfs create " + second + "/d");
    }

    @AfterAll
    static void destroySecondPool() {
        if (second != null) {
            TESTBED.guest("zpool destroy -f " + second + "; rm -f /var/tmp/" + second + ".img");
        }
    }

    private ZfsCli zfs() {
        return TESTBED.zfs((verb, took, exit) -> verbs.add(verb + ":" + exit));
    }

    private Snapper snapper(ZfsCli zfs) {
        String one = TESTBED.pool().name();
        FilesystemFilter filter = FilesystemFilter.of(new LinkedHashMap<>(Map.of(
                one + "/a", true, one + "/b", true, second + "<", true, second, false)));
        SnapshottingConfig config = new SnapshottingConfig.Periodic("jzt_", Duration.ofMinutes(10), "dense", "UTC",
                List.of());
        FakeHook.Probe commands = env -> "cmds=" + verbs.stream().filter(v -> v.startsWith("snapshot:")).count();
        return Snapper.of(config, filter, List.of(FakeHook.of("h", log, commands)), zfs, Clock.systemUTC())
                .orElseThrow();
    }

    private Map<String, FilesystemVersion> snapshotsNamed(ZfsCli zfs, String name) throws Exception {
        Map<String, FilesystemVersion> out = new LinkedHashMap<>();
        for (String pool : List.of(TESTBED.pool().name(), second)) {
            for (DatasetInfo d : zfs.listTree(DatasetPath.parse(pool))) {
                d.snapshots().stream().filter(v -> v.name().equals(name)).forEach(v -> out.put(d.path().name(), v));
            }
        }
        return out;
    }

    @Test
    void aTickOverTwoPoolsTakesOneCommandPerPoolWithOneNameAndOneCreatetxgPerPool() throws Exception {
        ZfsCli zfs = zfs();
        String one = TESTBED.pool().name();
        TickReport r = snapper(zfs).tick(Instant.parse("2026-03-01T10:00:00Z"));

        String name = "jzt_20260301_100000_000";
        assertEquals(name, r.snapshotName());
        assertEquals(List.of("list:0", "snapshot:0", "snapshot:0"), verbs.stream().filter(v -> !v.startsWith("get"))
                .toList());
        assertEquals(List.of(new PoolReport(one, 2, 1, true, null), new PoolReport(second, 2, 1, true, null)),
                r.pools());
        assertTrue(r.allOk(), r.toString());
        assertEquals(List.of("pre h " + one + "/a cmds=0", "pre h " + one + "/b cmds=0", "pre h " + second + "/c cmds=0",
                "pre h " + second + "/d cmds=0", "post h " + second + "/d cmds=2", "post h " + second + "/c cmds=2",
                "post h " + one + "/b cmds=2", "post h " + one + "/a cmds=2"), log);

        Map<String, FilesystemVersion> taken = snapshotsNamed(zfs, name);
        assertEquals(Set.of(one + "/a", one + "/b", second + "/c", second + "/d"), taken.keySet());
        assertEquals(taken.get(one + "/a").createTxg(), taken.get(one + "/b").createTxg());
        assertEquals(taken.get(second + "/c").createTxg(), taken.get(second + "/d").createTxg());
        assertEquals(4, new HashSet<>(taken.values().stream().map(FilesystemVersion::guid).toList()).size());
    }

    @Test
    void aPoolCommandThatFailsIsRetriedFilesystemByFilesystem() throws Exception {
        ZfsCli zfs = zfs();
        String one = TESTBED.pool().name();
        String name = "jzt_20260301_110000_000";
        TESTBED.guest("zfs snapshot " + one + "/b@" + name);

        TickReport r = snapper(zfs).tick(Instant.parse("2026-03-01T11:00:00Z"));

        PoolReport p = r.pools().get(0);
        assertEquals(3, p.commands());
        assertFalse(p.atomic());
        assertTrue(p.commandError().contains("cannot create snapshot '" + one + "/b@" + name + "': dataset already exists"),
                p.commandError());
        assertEquals(List.of(Outcome.TAKEN, Outcome.FAILED, Outcome.TAKEN, Outcome.TAKEN),
                r.filesystems().stream().map(TickReport.FilesystemReport::outcome).toList());
        assertEquals(new PoolReport(second, 2, 1, true, null), r.pools().get(1));
    }

    @Test
    void oneCommandRefusesFilesystemsOfTwoPoolsBeforeZfsRuns() {
        ZfsCli zfs = zfs();
        assertThrows(IllegalArgumentException.class, () -> zfs.snapshotAtomically(List.of(
                DatasetPath.parse(TESTBED.pool().name() + "/a"), DatasetPath.parse(second + "/c")), "jzt_mixed"));
        assertEquals(List.of(), verbs);
    }
}
