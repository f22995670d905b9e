package org.jzrepl.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pruning grid such as {@code 1x1h(keep=all) | 24x1h | 14x1d}: groups of {@code count}
 * consecutive intervals of one {@code length}, each interval keeping its oldest {@code keep}
 * snapshots ({@link #KEEP_ALL} for all). Lengths never decrease from one group to the next.
 * The pruning layer walks {@link #expanded()} backwards from the newest snapshot.
 */
public record GridSpec(List<Group> groups) {
    /** {@code keep=all}. */
    public static final int KEEP_ALL = -1;

    private static final Pattern GROUP = Pattern.compile("^\\s*(\\d+)\\s*x\\s*([^(]+?)\\s*(\\((.*)\\))?\\s*$");
    private static final Pattern KEEP = Pattern.compile("^\\s*keep\\s*=\\s*(all|\\d+)\\s*$");

    /** {@code count} intervals of {@code length}, each keeping {@code keep} snapshots (or {@link #KEEP_ALL}). */
    public record Group(int count, Duration length, int keep) {
        public Group {
            if (count <= 0) {
                throw new IllegalArgumentException("interval count must be positive, got " + count);
            }
            if (length.isZero() || length.isNegative()) {
                throw new IllegalArgumentException("interval length must be positive, got " + length);
            }
            if (keep < 1 && keep != KEEP_ALL) {
                throw new IllegalArgumentException("keep must be a count >= 1 or all, got " + keep);
            }
        }

        public String format() {
            String s = count + "x" + Durations.format(length);
            if (keep == KEEP_ALL) {
                return s + "(keep=all)";
            }
            return keep == 1 ? s : s + "(keep=" + keep + ")";
        }
    }

    /** One interval of the expanded grid. */
    public record Interval(Duration length, int keep) {
    }

    public GridSpec {
        groups = List.copyOf(groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("grid must have at least one interval");
        }
        for (int i = 1; i < groups.size(); i++) {
            Group prev = groups.get(i - 1);
            Group cur = groups.get(i);
            if (cur.length().compareTo(prev.length()) < 0) {
                throw new IllegalArgumentException("interval lengths must not decrease: interval " + (i + 1)
                        + " (" + cur.format() + ") is shorter than interval " + i + " (" + prev.format() + ")");
            }
        }
    }

    /** Parses {@code N x DURATION[(keep=K|all)] | ...}; throws IllegalArgumentException naming the interval. */
    public static GridSpec parse(String text) {
        String[] parts = text.split("\\|", -1);
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            String where = "interval " + (i + 1) + " of " + parts.length + " ('" + part.trim() + "')";
            Matcher m = GROUP.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException(where + " is not N x DURATION[(keep=K|all)], e.g. 24x1h");
            }
            int count;
            try {
                count = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": count is too large");
            }
            if (count <= 0) {
                throw new IllegalArgumentException(where + ": count must be positive");
            }
            Duration length;
            try {
                length = Durations.parsePositive(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            int keep = 1;
            if (m.group(3) != null) {
                Matcher k = KEEP.matcher(m.group(4));
                if (!k.matches()) {
                    throw new IllegalArgumentException(where + ": parameter must be keep=COUNT or keep=all");
                }
                try {
                    keep = k.group(1).equals("all") ? KEEP_ALL : Integer.parseInt(k.group(1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": keep count is too large");
                }
                if (keep == 0) {
                    // zrepl parses keep=0 and then panics when the grid is evaluated
                    throw new IllegalArgumentException(where + ": keep must be at least 1 or all");
                }
            }
            groups.add(new Group(count, length, keep));
        }
        return new GridSpec(groups);
    }

    /** Every interval in order, newest first: group counts multiplied out. */
    public List<Interval> expanded() {
        List<Interval> out = new ArrayList<>();
        for (Group g : groups) {
            for (int i = 0; i < g.count(); i++) {
                out.add(new Interval(g.length(), g.keep()));
            }
        }
        return out;
    }

    /** The whole span the grid covers. */
    public Duration span() {
        Duration d = Duration.ZERO;
        for (Group g : groups) {
            d = d.plus(g.length().multipliedBy(g.count()));
        }
        return d;
    }

    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Group g : groups) {
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            sb.append(g.format());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
