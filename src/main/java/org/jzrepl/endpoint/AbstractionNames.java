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
 *
 * <p><b>Per-client names.</b> A source job serves several client identities, each its own target:
 * its step holds and cursors carry the client, so that one client's completed step never releases
 * or destroys what another's needs: {@code jzrepl_STEP_C<n>_<client>_J_<job>},
 * {@code jzrepl_CURSOR_G_<guid>_C<n>_<client>_J_<job>}, {@code jzrepl_CURSORTENTATIVE_G_<guid>_C<n>_<client>_J_<job>},
 * where {@code n} is the client part's length in decimal. Both job and client may contain
 * {@code _J_} or {@code _C}; the length makes the split unambiguous, and {@code _C} right after the
 * type (or guid) tells these names from the job-only ones ({@code _J_} there). Job-only names are
 * what push and snap jobs use, and what a source job used before (legacy): a client's completion
 * never touches them. A client whose name would make the longest name exceed {@value #MAX_LENGTH}
 * characters is shortened to its first characters, a dot and 8 hex digits of its SHA-256
 * ({@link #clientPart}). Last-received holds stay job-only: a receiver serves one target per dataset.
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
    private static final Pattern STEP_C = Pattern.compile("jzrepl_STEP_C([1-9][0-9]{0,2})_(.+)");
    private static final Pattern CURSOR_C = Pattern.compile("jzrepl_CURSOR_G_([0-9a-f]{16})_C([1-9][0-9]{0,2})_(.+)");
    private static final Pattern TENTATIVE_C =
            Pattern.compile("jzrepl_CURSORTENTATIVE_G_([0-9a-f]{16})_C([1-9][0-9]{0,2})_(.+)");
    /** Characters of the SHA-256 suffix of a shortened client part: a dot and 8 hex digits. */
    private static final int HASH_SUFFIX = 9;

    private AbstractionNames() {
    }

    /**
     * What a parsed name says.
     *
     * @param guid    the version's guid for bookmarks, empty for holds
     * @param foreign true for zrepl's names: jzrepl lists them but never releases them
     * @param client  the client part of a per-client name (as in the name: maybe shortened), empty
     *                for job-only names
     */
    public record Parsed(AbstractionType type, String job, Optional<Guid> guid, boolean foreign,
                         Optional<String> client) {
        public Parsed {
            java.util.Objects.requireNonNull(client, "client");
        }

        /** A job-only name. */
        public Parsed(AbstractionType type, String job, Optional<Guid> guid, boolean foreign) {
            this(type, job, guid, foreign, Optional.empty());
        }
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

    /** The step hold of {@code client} of source job {@code job}; {@code client} null: {@link #stepHold(String)}. */
    public static String stepHold(String job, String client) {
        return client == null ? stepHold(job) : PREFIX + "STEP_" + owner(job, client);
    }

    /** This job's cursor for {@code client}; {@code client} null: {@link #cursor(Guid, String)}. */
    public static String cursor(Guid guid, String job, String client) {
        return client == null ? cursor(guid, job) : PREFIX + "CURSOR_G_" + guid.hex() + "_" + owner(job, client);
    }

    /** This job's tentative cursor for {@code client}; {@code client} null: {@link #tentativeCursor(Guid, String)}. */
    public static String tentativeCursor(Guid guid, String job, String client) {
        return client == null ? tentativeCursor(guid, job)
                : PREFIX + "CURSORTENTATIVE_G_" + guid.hex() + "_" + owner(job, client);
    }

    /**
     * Whether {@code part} may be a client part {@link #clientPart} shortened for {@code job}: as
     * long as the room the job's names leave, ending in a dot and 8 hex digits. Such a part cannot
     * be mapped back to its identity.
     */
    public static boolean mayBeShortened(String job, String part) {
        return part.length() == clientRoom(job) && part.matches(".*\\.[0-9a-f]{8}");
    }

    private static int clientRoom(String job) {
        return MAX_LENGTH - (PREFIX + "CURSORTENTATIVE_G_" + "0".repeat(16) + "_C000_" + "_J_" + job).length();
    }

    /**
     * The client part the names of {@code client} of {@code job} carry: the identity itself when the
     * longest name fits in {@value #MAX_LENGTH} characters, else its first characters, a dot and the
     * first 8 hex digits of its SHA-256 (so two long identities sharing a prefix still differ).
     *
     * @throws IllegalArgumentException if either is not a valid name part
     */
    public static String clientPart(String job, String client) {
        checkJob(job);
        if (client == null || !JOB.matcher(client).matches()) {
            throw new IllegalArgumentException("client identity '" + client + "' cannot be used in hold tags and"
                    + " bookmark names (1 or more of [A-Za-z0-9_.:-])");
        }
        int room = clientRoom(job);
        if (client.length() <= room) {
            return client;
        }
        if (room < HASH_SUFFIX + 1) {
            throw new IllegalArgumentException("job name '" + job + "' leaves no room for a client identity in"
                    + " bookmark names (" + MAX_LENGTH + " characters at most)");
        }
        return client.substring(0, room - HASH_SUFFIX) + "." + sha256Hex(client).substring(0, HASH_SUFFIX - 1);
    }

    private static String owner(String job, String client) {
        String c = clientPart(job, client);
        return "C" + c.length() + "_" + c + "_J_" + job;
    }

    private static String sha256Hex(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
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
        Matcher m = STEP_C.matcher(tag);
        if (m.matches()) {
            return perClient(AbstractionType.STEP_HOLD, m.group(1), m.group(2), null);
        }
        m = STEP.matcher(tag);
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
        Matcher m = TENTATIVE_C.matcher(name);
        if (m.matches()) {
            return perClient(AbstractionType.TENTATIVE_CURSOR, m.group(2), m.group(3), m.group(1));
        }
        m = CURSOR_C.matcher(name);
        if (m.matches()) {
            return perClient(AbstractionType.CURSOR, m.group(2), m.group(3), m.group(1));
        }
        m = TENTATIVE.matcher(name);
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

    /** {@code rest} = {@code <client of length n>_J_<job>}; empty when it is not. */
    private static Optional<Parsed> perClient(AbstractionType type, String length, String rest, String hex) {
        int n = Integer.parseInt(length);
        if (rest.length() < n + 4 || !rest.startsWith("_J_", n)) {
            return Optional.empty();
        }
        String client = rest.substring(0, n);
        String job = rest.substring(n + 3);
        if (!JOB.matcher(client).matches() || !JOB.matcher(job).matches()) {
            return Optional.empty();
        }
        Optional<Guid> guid = hex == null ? Optional.empty() : Optional.of(Guid.parseHex(hex));
        return Optional.of(new Parsed(type, job, guid, false, Optional.of(client)));
    }
}
