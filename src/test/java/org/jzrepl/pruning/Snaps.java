package org.jzrepl.pruning;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Builds keep-rule input for the table tests and reads their results as name sets. */
final class Snaps {
    /** zrepl's tests' origin for minute offsets: Unix second 123. */
    static final Instant ORIGIN = Instant.ofEpochSecond(123);

    private Snaps() {
    }

    /** A snapshot created {@code minutes} after {@link #ORIGIN}, replicated (before the cursor). */
    static PruneCandidate min(String name, int minutes) {
        return new PruneCandidate(name, ORIGIN.plusSeconds(60L * minutes), CursorPosition.BEFORE);
    }

    /** A snapshot created at Unix second {@code seconds}, replicated (before the cursor). */
    static PruneCandidate sec(String name, long seconds) {
        return new PruneCandidate(name, Instant.ofEpochSecond(seconds), CursorPosition.BEFORE);
    }

    /** A snapshot at Unix second 0 with the given cursor position. */
    static PruneCandidate at(String name, CursorPosition p) {
        return new PruneCandidate(name, Instant.EPOCH, p);
    }

    static Set<String> names(String... names) {
        return new TreeSet<>(Arrays.asList(names));
    }

    /** The names {@link PrunePlan#destroyList} destroys; fails if the rules cannot decide. */
    static Set<String> destroyed(List<PruneCandidate> snaps, Keep... rules) {
        PruneDecision d = PrunePlan.destroyList(snaps, List.of(rules));
        if (!(d instanceof PrunePlan plan)) {
            throw new AssertionError("expected a plan, got " + d);
        }
        return new TreeSet<>(plan.destroyNames());
    }

    /** The names one rule keeps; fails if it cannot decide. */
    static Set<String> kept(Keep rule, List<PruneCandidate> snaps) {
        Set<String> out = new TreeSet<>();
        rule.keeps(snaps).orElseThrow(() -> new AssertionError(rule + " cannot decide")).keySet()
                .forEach(c -> out.add(c.name()));
        return out;
    }

    static KeepLastN lastN(int n, String regex) {
        return new KeepLastN(n, Pattern.compile(regex));
    }

    static KeepRegex regex(String regex, boolean negate) {
        return new KeepRegex(Pattern.compile(regex), negate);
    }

    static KeepGrid grid(String regex, String grid) {
        return new KeepGrid(org.jzrepl.config.GridSpec.parse(grid), Pattern.compile(regex));
    }
}
