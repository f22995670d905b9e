package org.jzrepl.zfs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jzrepl.util.LogText;

/**
 * How to receive a stream into {@code target}.
 *
 * @param target    the filesystem or volume the stream creates or updates
 * @param force     {@code -F}: roll back the target to the stream's origin first (destroys newer data)
 * @param resumable {@code -s}: keep partial state when interrupted, readable as {@code receive_resume_token}
 * @param noMount   {@code -u}: do not mount the received filesystem
 * @param exclude   {@code -x P}: properties to leave inherited on the target
 * @param override  {@code -o P=V}: properties to set on the target, whatever the stream carries
 */
public record RecvArgs(DatasetPath target, boolean force, boolean resumable, boolean noMount,
                       List<String> exclude, Map<String, String> override) {

    private static final Pattern PROPERTY = Pattern.compile("[a-z][a-z0-9_.:-]*");

    public RecvArgs {
        Objects.requireNonNull(target, "target");
        exclude = List.copyOf(exclude);
        override = Map.copyOf(override);
        for (String p : exclude) {
            checkProperty(p);
        }
        for (Map.Entry<String, String> e : override.entrySet()) {
            checkProperty(e.getKey());
            if (e.getValue().indexOf('\0') >= 0 || e.getValue().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("property value of " + e.getKey() + " contains NUL or newline");
            }
            if (exclude.contains(e.getKey())) {
                throw new IllegalArgumentException("property " + e.getKey() + " is both excluded and overridden");
            }
        }
    }

    /** Unmounted, resumable, not forced, no property changes. */
    public static RecvArgs of(DatasetPath target) {
        return new RecvArgs(target, false, true, true, List.of(), Map.of());
    }

    public RecvArgs withForce(boolean f) {
        return new RecvArgs(target, f, resumable, noMount, exclude, override);
    }

    public RecvArgs withResumable(boolean r) {
        return new RecvArgs(target, force, r, noMount, exclude, override);
    }

    public RecvArgs withProperties(List<String> x, Map<String, String> o) {
        return new RecvArgs(target, force, resumable, noMount, x, o);
    }

    /** The overrides in name order, for a stable command line. */
    public Map<String, String> sortedOverride() {
        return new TreeMap<>(override);
    }

    public static String checkProperty(String p) {
        if (p == null || !PROPERTY.matcher(p).matches()) {
            throw new IllegalArgumentException("invalid property name '" + LogText.escape(p, 300) + "'");
        }
        return p;
    }
}
