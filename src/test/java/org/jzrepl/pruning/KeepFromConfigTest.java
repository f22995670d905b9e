package org.jzrepl.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jzrepl.pruning.CursorPosition.AFTER;
import static org.jzrepl.pruning.CursorPosition.AT;
import static org.jzrepl.pruning.CursorPosition.BEFORE;
import static org.jzrepl.pruning.Snaps.at;
import static org.jzrepl.pruning.Snaps.kept;
import static org.jzrepl.pruning.Snaps.min;
import static org.jzrepl.pruning.Snaps.names;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.GridSpec;
import org.jzrepl.config.KeepRule;

class KeepFromConfigTest {

    /** One config rule of every type, and the rule type it must become. */
    private static final Map<KeepRule, Class<? extends Keep>> EXAMPLES = Map.of(
            new KeepRule.Grid(GridSpec.parse("1x1h(keep=all) | 24x1h"), "^zrepl_"), KeepGrid.class,
            new KeepRule.LastN(2, "^zrepl_"), KeepLastN.class,
            new KeepRule.Regex("^manual", true), KeepRegex.class,
            new KeepRule.NotReplicated(false), KeepNotReplicated.class);

    @Test
    void handlesEveryConfigRuleType() {
        Set<Class<?>> covered = new HashSet<>();
        EXAMPLES.forEach((config, expected) -> {
            assertEquals(expected, Keep.fromConfig(config).getClass());
            covered.add(config.getClass());
        });
        assertEquals(new HashSet<>(Arrays.asList(KeepRule.class.getPermittedSubclasses())), covered,
                "a config keep rule type is not covered; add it to Keep.fromConfig and to this test");
    }

    @Test
    void carriesTheConfigsSettings() {
        List<PruneCandidate> snaps = List.of(min("zrepl_1", 1), min("zrepl_2", 2), min("zrepl_3", 3), min("manual", 4));
        assertEquals(names("zrepl_2", "zrepl_3"), kept(Keep.fromConfig(new KeepRule.LastN(2, "^zrepl_")), snaps));
        assertEquals(names("zrepl_1", "zrepl_2", "zrepl_3"),
                kept(Keep.fromConfig(new KeepRule.Regex("^manual", true)), snaps));
        assertEquals(names("zrepl_1", "zrepl_3"),
                kept(Keep.fromConfig(new KeepRule.Grid(GridSpec.parse("1x1m | 1x2m"), "^zrepl_")), snaps));
        List<PruneCandidate> cursor = List.of(at("a", BEFORE), at("b", AT), at("c", AFTER));
        assertEquals(names("c"), kept(Keep.fromConfig(new KeepRule.NotReplicated(false)), cursor));
        assertEquals(names("b", "c"), kept(Keep.fromConfig(KeepRule.NotReplicated.DEFAULT), cursor));
    }

    @Test
    void convertsAListInOrder() {
        List<Keep> rules = Keep.fromConfig(List.of(new KeepRule.LastN(1, ".*"), KeepRule.NotReplicated.DEFAULT));
        assertEquals(List.of("last_n", "not_replicated"), rules.stream().map(Keep::type).toList());
    }
}
