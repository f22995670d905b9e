package org.jzrepl.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An independent implementation of zrepl's {@code grid} keep rule, written from its documented
 * semantics for the soak (not org.jzrepl.pruning): intervals {@code N x DURATION(keep=K|all)} laid
 * backwards from "now", the creation of the youngest snapshot matching the regex; a snapshot of age
 * a falls in the first interval whose end exceeds a; each bucket keeps its K oldest (keep default
 * 1); older than the last bucket, and not matching, is not kept. Seconds throughout.
 */
final class SoakGrid {
    /** One snapshot: short name and creation in epoch seconds. */
    record Snap(String name, long creation) {
    }

    private record Group(int count, long seconds, int keep) {
    }

    private static final int ALL = -1;
    private static final Pattern TERM = Pattern.compile("\\s*(\\d+)\\s*x\\s*(\\d+)([smhd])\\s*(?:\\(keep=(all|\\d+)\\))?\\s*");
    private final List<Group> groups = new ArrayList<>();
    private final Pattern regex;

    SoakGrid(String spec, String regex) {
        this.regex = Pattern.compile(regex);
        for (String term : spec.split("\\|")) {
            var m = TERM.matcher(term);
            if (!m.matches()) {
                throw new IllegalArgumentException("grid term " + term);
            }
            long unit = switch (m.group(3)) {
                case "s" -> 1;
                case "m" -> 60;
                case "h" -> 3600;
                default -> 86400;
            };
            int keep = m.group(4) == null ? 1 : m.group(4).equals("all") ? ALL : Integer.parseInt(m.group(4));
            groups.add(new Group(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)) * unit, keep));
        }
    }

    /** The names this rule keeps of {@code snaps}. */
    Set<String> keeps(List<Snap> snaps) {
        List<Snap> matching = snaps.stream().filter(s -> regex.matcher(s.name()).find())
                .sorted(Comparator.comparingLong(Snap::creation)).toList();
        Set<String> kept = new TreeSet<>();
        if (matching.isEmpty()) {
            return kept;
        }
        long now = matching.get(matching.size() - 1).creation();
        Map<Long, List<Snap>> buckets = new TreeMap<>();
        Map<Long, Integer> keepOf = new TreeMap<>();
        for (Snap s : matching) {
            long age = now - s.creation();
            long start = 0;
            long base = 0;
            for (Group g : groups) {
                long end = start + g.count() * g.seconds();
                if (age < end) {
                    long bucket = base + (age - start) / g.seconds();
                    buckets.computeIfAbsent(bucket, b -> new ArrayList<>()).add(s);
                    keepOf.put(bucket, g.keep());
                    break;
                }
                start = end;
                base += g.count();
            }
        }
        for (Map.Entry<Long, List<Snap>> e : buckets.entrySet()) {
            int k = keepOf.get(e.getKey());
            List<Snap> in = e.getValue(); // oldest first: matching was sorted
            for (int i = 0; i < (k == ALL ? in.size() : Math.min(k, in.size())); i++) {
                kept.add(in.get(i).name());
            }
        }
        return kept;
    }
}
