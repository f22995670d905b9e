package org.jzrepl.pruning;

import static org.jzrepl.pruning.CursorPosition.AFTER;
import static org.jzrepl.pruning.CursorPosition.AT;
import static org.jzrepl.pruning.CursorPosition.BEFORE;
import static org.jzrepl.pruning.CursorPosition.NO_CURSOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.jzrepl.pruning.Snaps.at;
import static org.jzrepl.pruning.Snaps.destroyed;
import static org.jzrepl.pruning.Snaps.grid;
import static org.jzrepl.pruning.Snaps.lastN;
import static org.jzrepl.pruning.Snaps.min;
import static org.jzrepl.pruning.Snaps.names;
import static org.jzrepl.pruning.Snaps.regex;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The union semantics: zrepl's {@code pruning_test.go}, and what the plan says about each snapshot. */
class PrunePlanTest {

    private static final List<PruneCandidate> S1 = List.of(min("foo_123", 1), min("foo_456", 2), min("bar_123", 3));

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("destroys what the only rule does not keep", S1, List.of(regex("foo_", false)),
                        names("bar_123")),
                Arguments.of("keeps what any rule keeps", S1, List.of(regex("foo_", false), regex("bar_", false)),
                        names()),
                Arguments.of("destroys only what every rule leaves", S1,
                        List.of(regex("notInS1", false), regex("bar_", false)), names("foo_123", "foo_456")),
                Arguments.of("destroys nothing without rules", S1, List.of(), names()),
                Arguments.of("destroys nothing of an empty filesystem", List.of(), List.of(regex("foo_", false)),
                        names()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void destroysOnlyWhatNoRuleKeeps(String name, List<PruneCandidate> snaps, List<Keep> rules, Set<String> destroy) {
        assertEquals(destroy, destroyed(snaps, rules.toArray(new Keep[0])));
    }

    @Test
    void listsEveryRuleThatKeptASnapshotAndKeepsInputOrder() {
        List<PruneCandidate> snaps = List.of(
                new PruneCandidate("zrepl_1", Snaps.ORIGIN, BEFORE),
                new PruneCandidate("manual", Snaps.ORIGIN.plusSeconds(60), AT),
                new PruneCandidate("zrepl_2", Snaps.ORIGIN.plusSeconds(120), AFTER),
                new PruneCandidate("zrepl_0", Snaps.ORIGIN.minusSeconds(7200), BEFORE));
        PrunePlan plan = (PrunePlan) PrunePlan.destroyList(snaps,
                List.of(new KeepNotReplicated(true), grid("^zrepl_", "1x1h"), lastN(1, "")));
        assertEquals(List.of(snaps.get(3)), plan.destroy());
        assertEquals(List.of(
                "zrepl_1 kept by [rule 2 (grid): bucket 1 of 1]",
                "manual kept by [rule 1 (not_replicated): at the replication cursor]",
                "zrepl_2 kept by [rule 1 (not_replicated): not replicated yet, rule 3 (last_n): newest #1 of 1]"),
                plan.kept().stream().map(PrunePlan.Kept::toString).toList());
    }

    @Test
    void withoutRulesKeepsEverySnapshotForNoRule() {
        PrunePlan plan = (PrunePlan) PrunePlan.destroyList(S1, List.of());
        assertEquals(List.of(), plan.destroy());
        assertEquals(List.of(new PrunePlan.Kept(S1.get(0), List.of()), new PrunePlan.Kept(S1.get(1), List.of()),
                new PrunePlan.Kept(S1.get(2), List.of())), plan.kept());
    }

    @Test
    void cannotDecideWhenNotReplicatedMeetsAFilesystemWithoutCursor() {
        List<PruneCandidate> snaps = List.of(at("a", NO_CURSOR), at("b", NO_CURSOR));
        assertEquals(new PruneDecision.Undecided(2, "not_replicated", PruneDecision.NO_CURSOR),
                PrunePlan.destroyList(snaps, List.of(lastN(1, ""), new KeepNotReplicated(true))));
        assertEquals("keep rule 2 (not_replicated) cannot decide: replication cursor bookmark does not exist"
                + " (one successful replication is required before pruning works)",
                PrunePlan.destroyList(snaps, List.of(lastN(1, ""), new KeepNotReplicated(true))).toString());
    }

    @Test
    void rulesWithoutNeedForACursorDecideWithoutOne() {
        assertEquals(names("a"), destroyed(List.of(at("a", NO_CURSOR), at("b", NO_CURSOR)), lastN(1, "")));
    }

    @Test
    void escapesNamesInTextItPrints() {
        PruneCandidate odd = new PruneCandidate("a\nb", Snaps.ORIGIN, BEFORE);
        PrunePlan plan = (PrunePlan) PrunePlan.destroyList(List.of(odd), List.of());
        assertEquals("a\\nb kept by default (no keep rules)", plan.kept().get(0).toString());
        assertEquals("snapshot @a\\nb is listed twice", assertThrows(IllegalArgumentException.class,
                () -> PrunePlan.destroyList(List.of(odd, odd), List.of())).getMessage());
    }

    @Test
    void rejectsInputThatCannotBeOneFilesystem() {
        List<Keep> rules = List.of(lastN(1, ""));
        assertEquals("snapshot @a is listed twice", assertThrows(IllegalArgumentException.class,
                () -> PrunePlan.destroyList(List.of(at("a", BEFORE), at("a", AFTER)), rules)).getMessage());
        assertEquals("2 snapshots are at the replication cursor, at most one can be",
                assertThrows(IllegalArgumentException.class,
                        () -> PrunePlan.destroyList(List.of(at("a", AT), at("b", AT)), rules)).getMessage());
        assertEquals("some snapshots have a replication cursor and some do not",
                assertThrows(IllegalArgumentException.class,
                        () -> PrunePlan.destroyList(List.of(at("a", NO_CURSOR), at("b", AFTER)), rules)).getMessage());
    }
}
