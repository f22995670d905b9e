package org.jzrepl.endpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.zfs.DatasetType;

/**
 * The {@code -x P} and {@code -o P=V} of one {@code zfs recv}: the user's
 * {@code recv.properties.inherit}/{@code override}, and with {@code recv.safe_mount} (the default)
 * the safe set for a filesystem, so that nothing a sender puts in its stream ({@code zfs send -p})
 * mounts, shares or grants privileges on the receiving host: {@code canmount=noauto} (not mounted
 * by {@code zfs mount -a}; {@code mountpoint} stays as received, for restores), {@code setuid=off}
 * and {@code devices=off} (as for removable media, should someone mount it by hand),
 * {@code readonly=on} (a copy mounted to look at it must not change: the first read-write
 * {@code zfs mount} of a received filesystem writes to it, and the next incremental receive then
 * fails with "destination has been modified"; receives are not affected by it), and
 * {@code sharenfs}, {@code sharesmb} inherited from {@code root_fs}. A property the
 * user names in {@code inherit} or {@code override} is left to the user's setting. Volumes get no
 * safe set (none of these properties applies to them, and zfs refuses them on a volume).
 * A pure function of its inputs.
 */
final class ReceiveProperties {

    /** The overrides of the safe set, in the order they appear on the command line. */
    static final Map<String, String> SAFE_OVERRIDE = orderedOverrides();
    /** The properties the safe set leaves inherited. */
    static final List<String> SAFE_INHERIT = List.of("sharenfs", "sharesmb");

    private final List<String> exclude;
    private final Map<String, String> override;

    private ReceiveProperties(List<String> exclude, Map<String, String> override) {
        this.exclude = List.copyOf(exclude);
        this.override = Map.copyOf(override);
    }

    /**
     * The properties of a receive of a dataset of {@code type} under {@code recv}; {@code unmark}
     * also sets the placeholder marks off (a full receive, see {@link Placeholders#unmarked}).
     */
    static ReceiveProperties of(RecvOptions recv, DatasetType type, boolean unmark) {
        List<String> x = new ArrayList<>(recv.inheritProperties());
        Map<String, String> o = new LinkedHashMap<>(recv.overrideProperties());
        if (recv.safeMount() && type == DatasetType.FILESYSTEM) {
            for (String p : SAFE_INHERIT) {
                if (!x.contains(p) && !o.containsKey(p)) {
                    x.add(p);
                }
            }
            SAFE_OVERRIDE.forEach((p, v) -> {
                if (!x.contains(p)) {
                    o.putIfAbsent(p, v);
                }
            });
        }
        return new ReceiveProperties(x, unmark ? Placeholders.unmarked(o) : o);
    }

    /** For {@code zfs recv -x}. */
    List<String> exclude() {
        return exclude;
    }

    /** For {@code zfs recv -o}. */
    Map<String, String> override() {
        return override;
    }

    private static Map<String, String> orderedOverrides() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("canmount", "noauto");
        m.put("setuid", "off");
        m.put("devices", "off");
        m.put("readonly", "on");
        return Collections.unmodifiableMap(m);
    }
}
