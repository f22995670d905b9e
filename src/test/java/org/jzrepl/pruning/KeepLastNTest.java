package org.jzrepl.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.jzrepl.pruning.Snaps.destroyed;
import static org.jzrepl.pruning.Snaps.lastN;
import static org.jzrepl.pruning.Snaps.min;
import static org.jzrepl.pruning.Snaps.names;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cases of zrepl's {@code keep_last_n_test.go}. */
class KeepLastNTest {

    private static final List<PruneCandidate> S1 = List.of(
            min("1", 10), min("2", 20), min("3", 15), min("4", 30), min("5", 30));

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("keeps the two newest", S1, List.of(lastN(2, "")), names("1", "2", "3")),
                Arguments.of("of two with the same creation keeps the greater name", S1, List.of(lastN(1, "")),
                        names("1", "2", "3", "4")),
                Arguments.of("keeps all when count exceeds the snapshots", S1, List.of(lastN(100, "")), names()),
                Arguments.of("destroys nothing of an empty filesystem", List.of(), List.of(lastN(100, "")), names()),
                Arguments.of("with an empty regex matches every snapshot", S1, List.of(lastN(4, "")), names("1")),
                Arguments.of("two rules with disjoint regexes each keep their newest",
                        List.of(min("a1", 10), min("b1", 11), min("a2", 20), min("b2", 21), min("a3", 30),
                                min("b3", 31)),
                        List.of(lastN(2, "^a"), lastN(2, "^b")), names("a1", "b1")),
                Arguments.of("does not keep snapshots its regex does not match",
                        List.of(min("a1", 10), min("b1", 11), min("a2", 12)), List.of(lastN(4, "a")), names("b1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void destroysWhatNoRuleKeeps(String name, List<PruneCandidate> snaps, List<Keep> rules, Set<String> destroy) {
        assertEquals(destroy, destroyed(snaps, rules.toArray(new Keep[0])));
    }

    @Test
    void countMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new KeepLastN(0, Pattern.compile("foo")));
        assertThrows(IllegalArgumentException.class, () -> new KeepLastN(-5, Pattern.compile("foo")));
    }

    @Test
    void saysWhichPlaceASnapshotHasAmongTheNewest() {
        Map<PruneCandidate, String> kept = lastN(2, "").keeps(S1).orElseThrow();
        assertEquals(Map.of(S1.get(4), "newest #1 of 2", S1.get(3), "newest #2 of 2"), kept);
    }

    @Test
    void regexMatchesAnywhereInTheName() {
        assertEquals(names("x_zrepl_1"), Snaps.kept(lastN(5, "zrepl"), List.of(min("x_zrepl_1", 1), min("manual", 2))));
    }
}
