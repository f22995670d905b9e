package org.jzrepl.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jzrepl.pruning.Snaps.kept;
import static org.jzrepl.pruning.Snaps.min;
import static org.jzrepl.pruning.Snaps.names;
import static org.jzrepl.pruning.Snaps.regex;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** zrepl's {@code keep_regex_test.go}. */
class KeepRegexTest {

    private static final List<PruneCandidate> SNAPS = List.of(min("zrepl_foobar", 1), min("zrepl", 2), min("barfoo", 3));

    @Test
    void keepsMatchingSnapshots() {
        assertEquals(names("zrepl_foobar"), kept(regex("^zrepl_", false), SNAPS));
    }

    @Test
    void negatedKeepsTheSnapshotsThatDoNotMatch() {
        assertEquals(names("zrepl", "barfoo"), kept(regex("^zrepl_", true), SNAPS));
    }

    @Test
    void matchesAnywhereInTheNameUnlessAnchored() {
        assertEquals(names("zrepl_foobar", "barfoo"), kept(regex("foo", false), SNAPS));
    }

    @Test
    void saysWhetherItKeptForAMatchOrANonMatch() {
        assertEquals(Map.of(SNAPS.get(2), "matches /^bar/"), regex("^bar", false).keeps(SNAPS).orElseThrow());
        assertEquals("does not match /^zrepl/", regex("^zrepl", true).keeps(SNAPS).orElseThrow().get(SNAPS.get(2)));
    }
}
