package org.jzrepl.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jzrepl.zfs.DatasetPath;

/** Spellings and name checks shared by the config records. */
public final class Names {
    /** Characters allowed in snapshot prefixes, job names and hold tags. */
    private static final Pattern SNAPSHOT_CHARS = Pattern.compile("[A-Za-z0-9_.:-]+");
    /**
     * Job names end up in hold tags and bookmark names (255 characters at most). The longest is a
     * source job's per-client tentative cursor: 50 characters of prefix, guid and separators, the
     * job, and a client part that may be shortened to no less than 10 characters (a prefix, a dot
     * and 8 hex digits of its hash). 255 - 50 - 10 = 195, so any configured job can serve any client.
     */
    public static final int MAX_JOB_NAME = 195;

    private Names() {
    }

    /** The YAML spelling of an enum constant: its name in lower case. */
    public static String yaml(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** YAML spelling → constant, in declaration order. */
    public static <E extends Enum<E>> Map<String, E> spellings(Class<E> type) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E e : type.getEnumConstants()) {
            m.put(yaml(e), e);
        }
        return m;
    }

    /** A client identity: exactly one valid dataset-name component. */
    public static void checkIdentity(String ident) {
        if (ident.contains("/")) {
            throw new IllegalArgumentException("client identity '" + ident
                    + "' must be a single dataset-name component (no '/')");
        }
        try {
            DatasetPath.checkComponent(ident);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("client identity '" + ident + "' is not a valid dataset-name component: "
                    + e.getMessage());
        }
    }

    /** A job name: non-empty, not starting with '_', one dataset-name component (it goes into hold tags and bookmarks). */
    public static void checkJobName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("job name must not be empty");
        }
        if (name.startsWith("_")) {
            throw new IllegalArgumentException("job name '" + name + "' must not start with '_' (reserved for internal jobs)");
        }
        try {
            DatasetPath.checkComponent(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("job name '" + name + "' is not usable in hold tags and bookmark names: "
                    + e.getMessage());
        }
        if (name.length() > MAX_JOB_NAME) {
            throw new IllegalArgumentException("job name is " + name.length() + " characters long, more than " + MAX_JOB_NAME);
        }
    }

    /** A snapshot name prefix such as {@code zrepl_}. */
    public static void checkSnapshotPrefix(String prefix) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("snapshot prefix must not be empty");
        }
        if (!SNAPSHOT_CHARS.matcher(prefix).matches()) {
            throw new IllegalArgumentException("snapshot prefix '" + prefix + "' has a character outside [A-Za-z0-9_.:-]");
        }
    }

    /** A ZFS property name (native like {@code mountpoint} or user like {@code com.example:tag}). */
    public static void checkProperty(String name) {
        if (!name.matches("[a-z0-9_.:-]+") || name.startsWith(":") || name.startsWith("-")) {
            throw new IllegalArgumentException("'" + name + "' is not a ZFS property name");
        }
    }

    /** {@code host:port} as Go's net.SplitHostPort reads it; host may be empty, a name, an IPv4 or a [IPv6]. */
    public static void checkHostPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + s + "' is not host:port (e.g. backup.example.com:8888 or :9811)");
        }
        String host = s.substring(0, colon);
        String port = s.substring(colon + 1);
        if (host.startsWith("[") != host.endsWith("]") || (!host.startsWith("[") && host.contains(":"))) {
            throw new IllegalArgumentException("'" + s + "' is not host:port (write IPv6 addresses as [::1]:8888)");
        }
        if (!port.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("'" + s + "' has no port after ':'");
        }
        if (port.matches("\\d+") && (port.length() > 5 || Integer.parseInt(port) > 65535)) {
            throw new IllegalArgumentException("port " + port + " in '" + s + "' is out of range 0-65535");
        }
    }
}
