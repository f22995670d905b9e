package org.jzrepl.pruning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code last_n}: keeps the {@code count} newest snapshots whose name matches {@code regex};
 * others are not kept by this rule. Newest by creation, equal creation by name descending.
 */
public final class KeepLastN implements Keep {
    private final int count;
    private final Pattern regex;

    public KeepLastN(int count, Pattern regex) {
        if (count < 1) {
            throw new IllegalArgumentException("last_n count must be at least 1, got " + count);
        }
        this.count = count;
        this.regex = Objects.requireNonNull(regex, "regex");
    }

    @Override
    public String type() {
        return "last_n";
    }

    @Override
    public Optional<Map<PruneCandidate, String>> keeps(List<PruneCandidate> snapshots) {
        List<PruneCandidate> matching = new ArrayList<>();
        for (PruneCandidate c : snapshots) {
            if (regex.matcher(c.name()).find()) {
                matching.add(c);
            }
        }
        matching.sort(PruneCandidate.NEWEST_FIRST);
        Map<PruneCandidate, String> why = new HashMap<>();
        for (int i = 0; i < Math.min(count, matching.size()); i++) {
            why.put(matching.get(i), "newest #" + (i + 1) + " of " + count);
        }
        Map<PruneCandidate, String> kept = new LinkedHashMap<>();
        for (PruneCandidate c : snapshots) {
            if (why.containsKey(c)) {
                kept.put(c, why.get(c));
            }
        }
        return Optional.of(kept);
    }

    @Override
    public String toString() {
        return "last_n " + count + " regex " + regex.pattern();
    }
}
