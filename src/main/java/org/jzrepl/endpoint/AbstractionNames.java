package org.jzrepl.endpoint;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jzrepl.zfs.Guid;

/**
 * Builds and parses the hold tags and bookmark names of {@link AbstractionType}s. jzrepl's names
 * start with {@value #PREFIX}; zrepl's ({@value #ZREPL_PREFIX}, including its double-underscore
 * tentative cursor spelling) are recognised so both tools can share a pool, and are marked foreign.
 * Pure functions; the guid is 16 lower-case hex digits in bookmark names.
 */
public final class AbstractionNames {

    public static final String PREFIX = "jzrepl_";
    public static final String ZREPL_PREFIX = "zrepl_";
    /** Hold tags and bookmark short names: ZFS's limit (ZFS_MAX_DATASET_NAME_LEN - 1). */
    public static final int MAX_LENGTH = 255;

    private static final Pattern JOB = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final Pattern STEP = Pattern.compile("(j?zrepl)_STEP_J_(.+)");
    private static final Pattern LAST = Pattern.compile("(j?zrepl)_last_received_J_(.+)");
    private static final Pattern CURSOR = Pattern.compile("(j?zrepl)_CURSOR_G_([0-9a-f]{16})_J_(.+)");
    private static final Pattern TENTATIVE = Pattern.compile("(j?zrepl)_CURSORTENTATIVE__?G_([0-9a-f]{16})_J_(.+)");

    private AbstractionNames() {
    }

    /**
     * What a parsed name says.
     *
     * @param guid    the version's guid for bookmarks, empty for holds
     * @param foreign true for zrepl's names: jzrepl lists them but never releases them
     */
    public record Parsed(AbstractionType type, String job, Optional<Guid> guid, boolean foreign) {
    }

    /** Throws IllegalArgumentException unless {@code job} can be embedded in every name. */
    public static String checkJob(String job) {
        if (job == null || !JOB.matcher(job).matches()) {
            throw new IllegalArgumentException("job name '" + job + "' cannot be used in hold tags and bookmark"
                    + " names (1 or more of [A-Za-z0-9_.:-])");
        }
        String longest = tentativeName(new Guid(0), job);
        if (longest.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("job name '" + job + "' is too long for a bookmark name ("
                    + longest.length() + " > " + MAX_LENGTH + ")");
        }
        return job;
    }

    public static String stepHold(String job) {
        return PREFIX + "STEP_J_" + checkJob(job);
    }

    public static String lastReceivedHold(String job) {
        return PREFIX + "last_received_J_" + checkJob(job);
    }

    /** The short bookmark name (without {@code #}) of this job's cursor at {@code guid}. */
    public static String cursor(Guid guid, String job) {
        return PREFIX + "CURSOR_G_" + guid.hex() + "_J_" + checkJob(job);
    }

    public static String tentativeCursor(Guid guid, String job) {
        return tentativeName(guid, checkJob(job));
    }

    private static String tentativeName(Guid guid, String job) {
        return PREFIX + "CURSORTENTATIVE_G_" + guid.hex() + "_J_" + job;
    }

    /** Parses a hold tag; empty when it is not one of ours or zrepl's. */
    public static Optional<Parsed> parseHold(String tag) {
        Matcher m = STEP.matcher(tag);
        if (m.matches()) {
            return parsed(AbstractionType.STEP_HOLD, m.group(1), m.group(2), null);
        }
        m = LAST.matcher(tag);
        if (m.matches()) {
            return parsed(AbstractionType.LAST_RECEIVED_HOLD, m.group(1), m.group(2), null);
        }
        return Optional.empty();
    }

    /** Parses a bookmark's short name; empty when it is not a cursor of ours or zrepl's. */
    public static Optional<Parsed> parseBookmark(String name) {
        Matcher m = TENTATIVE.matcher(name);
        if (m.matches()) {
            return parsed(AbstractionType.TENTATIVE_CURSOR, m.group(1), m.group(3), m.group(2));
        }
        m = CURSOR.matcher(name);
        if (m.matches()) {
            return parsed(AbstractionType.CURSOR, m.group(1), m.group(3), m.group(2));
        }
        return Optional.empty();
    }

    private static Optional<Parsed> parsed(AbstractionType type, String prefix, String job, String hex) {
        if (!JOB.matcher(job).matches()) {
            return Optional.empty();
        }
        Optional<Guid> guid = hex == null ? Optional.empty() : Optional.of(Guid.parseHex(hex));
        return Optional.of(new Parsed(type, job, guid, prefix.equals("zrepl")));
    }
}
