package org.jzrepl.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jzrepl.pruning.Snaps.destroyed;
import static org.jzrepl.pruning.Snaps.grid;
import static org.jzrepl.pruning.Snaps.kept;
import static org.jzrepl.pruning.Snaps.names;
import static org.jzrepl.pruning.Snaps.sec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases of zrepl's {@code retentiongrid_test.go} and its grid case of {@code pruning_test.go}.
 * zrepl's tests pass "now" explicitly; here, as in zrepl's pruner, now is the newest matching
 * snapshot, so the cases carry a snapshot at now and drop the one "in the future".
 */
class KeepGridTest {

    private static final long M = 60;

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("destroys nothing of an empty filesystem", "1x10m | 1x10m | 1x10m | 1x1h",
                        List.of(), names()),
                Arguments.of("puts a snapshot on a bucket boundary into the older bucket", "3x10m",
                        List.of(sec("1", 0), sec("2", -10 * M), sec("3", -20 * M), sec("4", -30 * M),
                                sec("5", -40 * M)),
                        names("4", "5")),
                Arguments.of("keeps the oldest of a bucket", "1x1m(keep=2)",
                        List.of(sec("1", 1), sec("2", 2), sec("3", 3), sec("4", 4), sec("5", 5)),
                        names("3", "4", "5")),
                Arguments.of("keeps every snapshot of a keep=all bucket", "1x1m(keep=all) | 1x1m",
                        List.of(sec("a", 0), sec("b", -1), sec("c", -2), sec("d", -60), sec("e", -61)),
                        names("d")),
                Arguments.of("thins out across groups of different lengths and keep counts",
                        "1x10m(keep=all) | 1x10m | 1x10m(keep=2) | 1x1h",
                        List.of(sec("now", 0), sec("b1", -6 * M), sec("b3", -8 * M), sec("b2", -9 * M),
                                sec("a", -11 * M), sec("c", -19 * M), sec("foo", -25 * M), sec("bar", -26 * M),
                                sec("border", -30 * M), sec("d", -75 * M), sec("q", -90 * M), sec("e", -91 * M),
                                sec("f", -120 * M)),
                        names("a", "border", "q", "e", "f")),
                Arguments.of("of snapshots with the same creation in one bucket keeps the smaller name", "1x1h",
                        List.of(sec("b", 0), sec("a", 0), sec("c", 0)), names("b", "c")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void destroysWhatTheGridDoesNotKeep(String name, String spec, List<PruneCandidate> snaps, Set<String> destroy) {
        assertEquals(destroy, destroyed(snaps, grid("", spec)));
    }

    @Test
    void gridsWithDisjointRegexesEachMeasureFromTheirOwnNewestSnapshot() {
        List<PruneCandidate> snaps = List.of(sec("p1_a", 4), sec("p2_a", 5), sec("p1_b", 14), sec("p2_b", 15),
                sec("p1_c", 29), sec("p2_c", 30));
        assertEquals(names("p1_a", "p2_a"),
                destroyed(snaps, grid("^p1_", "1x10s | 1x10s"), grid("^p2_", "1x10s | 1x10s")));
    }

    @Test
    void doesNotKeepSnapshotsItsRegexDoesNotMatchAndTakesNowFromMatchingOnes() {
        // "manual" is newer but does not match, so now is zrepl_2's creation, not manual's
        List<PruneCandidate> snaps = List.of(sec("zrepl_1", -3600), sec("zrepl_2", 0), sec("manual", 7200));
        assertEquals(names("zrepl_1", "zrepl_2"), kept(grid("^zrepl_", "2x1h"), snaps));
    }

    @Test
    void saysWhichBucketKeptASnapshot() {
        List<PruneCandidate> snaps = List.of(sec("x", -2 * 3600 - 5), sec("y", 0));
        assertEquals(Map.of(snaps.get(0), "bucket 3 of 25", snaps.get(1), "bucket 1 of 25"),
                grid("", "1x1h(keep=all) | 24x1h").keeps(snaps).orElseThrow());
    }

    @Test
    void doesNotExpandHugeGridsIntoMemory() {
        List<PruneCandidate> snaps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            snaps.add(sec("s" + i, -i * 1800L));
        }
        // two snapshots per hourly bucket; each bucket keeps the older one (odd numbers)
        Set<String> expected = new java.util.TreeSet<>();
        for (int i = 1; i < 100; i += 2) {
            expected.add("s" + i);
        }
        assertEquals(expected, kept(grid("", "2000000000x1h | 2000000000x1w"), snaps));
    }

    @Test
    void aGroupTooLongForADurationReachesBackIndefinitely() {
        List<PruneCandidate> snaps = List.of(sec("new", 0), sec("old", -3_000_000_000_000L), sec("older", -3_000_000_000_001L));
        assertEquals(names("new", "older"), kept(grid("", "1x1h | 2x9223372036854775807s"), snaps));
    }
}
