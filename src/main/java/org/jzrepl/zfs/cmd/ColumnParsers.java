package org.jzrepl.zfs.cmd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jzrepl.util.LogText;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Property;

/** Parses the tab-separated {@code -H} output of {@code zfs holds}, {@code get} and short {@code list}s. Pure. */
final class ColumnParsers {

    private ColumnParsers() {
    }

    /** {@code zfs holds -H SNAP}: lines of {@code name TAB tag TAB timestamp}; returns the tags. */
    static List<String> holdTags(String output) {
        List<String> tags = new ArrayList<>();
        for (String[] f : rows(output, 3, "holds")) {
            tags.add(f[1]);
        }
        return tags;
    }

    /** {@code zfs get -H -p -o property,value,source}: property name to its value and source. */
    static Map<String, Property> properties(String output) {
        Map<String, Property> props = new LinkedHashMap<>();
        for (String[] f : rows(output, 3, "get")) {
            props.put(f[0], new Property(f[0], f[1], f[2]));
        }
        return props;
    }

    /** {@code zfs list -H -p -o name,encryption}: each dataset's encryption. */
    static Map<DatasetPath, String> encryption(String output) {
        Map<DatasetPath, String> enc = new LinkedHashMap<>();
        for (String[] f : rows(output, 2, "list")) {
            enc.put(DatasetPath.parse(f[0]), f[1]);
        }
        return enc;
    }

    /**
     * {@code zfs get -H -p -r -s local -o name,property,value PLACEHOLDER-PROPS}: the datasets
     * whose own (not inherited) placeholder property is {@code on}.
     */
    static Set<String> localPlaceholders(String output) {
        Set<String> names = new HashSet<>();
        for (String[] f : rows(output, 3, "get")) {
            if (f[2].equals("on")) {
                names.add(f[0]);
            }
        }
        return names;
    }

    private static List<String[]> rows(String output, int fields, String what) {
        List<String[]> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != fields) {
                throw new IllegalArgumentException("zfs " + what + ": expected " + fields
                        + " tab-separated fields, got " + f.length + ": '" + LogText.escape(line) + "'");
            }
            rows.add(f);
        }
        return rows;
    }
}
