package org.jzrepl.config;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One pruning keep rule. A snapshot is destroyed only if every rule of its side votes destroy;
 * bookmarks are never pruned. Regexes are Java regexes matched against the snapshot name
 * (without {@code fs@}), found anywhere in the name as zrepl's Go regexes are.
 */
public sealed interface KeepRule {

    /** {@code not_replicated}: keeps what the receiver does not have yet (sender side only). */
    record NotReplicated(boolean keepSnapshotAtCursor) implements KeepRule {
        /** {@code keep_snapshot_at_cursor} defaults to true. */
        public static final NotReplicated DEFAULT = new NotReplicated(true);
    }

    /** {@code last_n}: keeps the newest {@code count} snapshots matching {@code regex} (default {@code .*}). */
    record LastN(int count, String regex) implements KeepRule {
        public LastN {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1, got " + count);
            }
            compile(regex);
        }

        public Pattern pattern() {
            return compile(regex);
        }
    }

    /** {@code regex}: keeps snapshots matching {@code regex} (or not matching, if {@code negate}). */
    record Regex(String regex, boolean negate) implements KeepRule {
        public Regex {
            compile(regex);
        }

        public Pattern pattern() {
            return compile(regex);
        }
    }

    /** {@code grid}: thins snapshots matching {@code regex} out along {@code grid}. */
    record Grid(GridSpec grid, String regex) implements KeepRule {
        public Grid {
            java.util.Objects.requireNonNull(grid, "grid");
            compile(regex);
        }

        public Pattern pattern() {
            return compile(regex);
        }
    }

    /** Compiles a rule's regex; throws IllegalArgumentException with a one-line reason. */
    static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regex '" + regex + "': " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
    }
}
