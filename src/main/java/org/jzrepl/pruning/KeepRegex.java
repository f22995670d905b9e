package org.jzrepl.pruning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code regex}: keeps the snapshots whose name matches, or with {@code negate} those that do not. */
public final class KeepRegex implements Keep {
    private final Pattern regex;
    private final boolean negate;

    public KeepRegex(Pattern regex, boolean negate) {
        this.regex = Objects.requireNonNull(regex, "regex");
        this.negate = negate;
    }

    @Override
    public String type() {
        return "regex";
    }

    @Override
    public Optional<Map<PruneCandidate, String>> keeps(List<PruneCandidate> snapshots) {
        Map<PruneCandidate, String> kept = new LinkedHashMap<>();
        String why = (negate ? "does not match /" : "matches /") + regex.pattern() + "/";
        for (PruneCandidate c : snapshots) {
            if (regex.matcher(c.name()).find() != negate) {
                kept.put(c, why);
            }
        }
        return Optional.of(kept);
    }

    @Override
    public String toString() {
        return "regex " + regex.pattern() + (negate ? " (negated)" : "");
    }
}
