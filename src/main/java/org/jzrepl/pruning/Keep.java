package org.jzrepl.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jzrepl.config.KeepRule;

/**
 * One pruning keep rule as a pure function: given the snapshots of one filesystem, which ones it
 * keeps. A snapshot is destroyed only if no rule keeps it ({@link PrunePlan#destroyList}).
 * Regexes are matched anywhere in the short snapshot name, as Go's {@code MatchString}.
 */
public sealed interface Keep permits KeepGrid, KeepLastN, KeepRegex, KeepNotReplicated {

    /** zrepl's name of the rule type: {@code grid}, {@code last_n}, {@code regex}, {@code not_replicated}. */
    String type();

    /**
     * The snapshots of {@code snapshots} (one filesystem, bookmarks excluded) this rule keeps, in
     * input order, each with a short reason such as {@code bucket 3 of 39}. Empty only when the
     * rule needs the replication cursor and the input has none ({@link CursorPosition#NO_CURSOR}).
     */
    Optional<Map<PruneCandidate, String>> keeps(List<PruneCandidate> snapshots);

    /**
     * The rule for a config rule. Java 17 has no exhaustive switch over a sealed type, so a test
     * checks that every permitted subtype of {@link KeepRule} is handled here.
     */
    public static Keep fromConfig(KeepRule rule) {
        if (rule instanceof KeepRule.Grid g) {
            return new KeepGrid(g.grid(), g.pattern());
        } else if (rule instanceof KeepRule.LastN l) {
            return new KeepLastN(l.count(), l.pattern());
        } else if (rule instanceof KeepRule.Regex r) {
            return new KeepRegex(r.pattern(), r.negate());
        } else if (rule instanceof KeepRule.NotReplicated n) {
            return new KeepNotReplicated(n.keepSnapshotAtCursor());
        }
        throw new IllegalArgumentException("unknown keep rule type " + rule.getClass().getName());
    }

    /** {@link #fromConfig(KeepRule)} for each rule, in order. */
    public static List<Keep> fromConfig(List<KeepRule> rules) {
        List<Keep> out = new ArrayList<>(rules.size());
        for (KeepRule r : rules) {
            out.add(fromConfig(r));
        }
        return List.copyOf(out);
    }
}
