package org.jzrepl.zfs.cmd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jzrepl.util.LogText;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;
import org.jzrepl.zfs.VersionType;

/**
 * Parses the output of one {@code zfs list -H -p -o COLUMNS -t filesystem,volume,snapshot,bookmark -r}
 * into datasets with their versions. Pure; throws IllegalArgumentException naming the bad line.
 */
final class ListParser {

    /** The columns asked for, in order. Unset properties print as "-". */
    static final List<String> COLUMNS = List.of("name", "type", "guid", "createtxg", "creation",
            "receive_resume_token", "jzrepl:placeholder", "zrepl:placeholder",
            "encryption", "keystatus", "encryptionroot");
    static final String TYPES = "filesystem,volume,snapshot,bookmark";

    private ListParser() {
    }

    /** The argv of the list command for one tree ({@code root} present) or for all pools. */
    static List<String> argv(Optional<DatasetPath> root) {
        List<String> a = new ArrayList<>(List.of("list", "-H", "-p", "-o", String.join(",", COLUMNS),
                "-t", TYPES, "-r"));
        root.ifPresent(r -> a.add(r.name()));
        return a;
    }

    /**
     * The command that tells which datasets set a placeholder property themselves: zfs list shows
     * inherited user properties like local ones, and every child of a placeholder inherits "on".
     */
    static List<String> placeholderArgv(Optional<DatasetPath> root) {
        List<String> a = new ArrayList<>(List.of("get", "-H", "-p", "-r", "-s", "local", "-o", "name,property,value",
                "-t", "filesystem,volume", COLUMNS.get(6) + "," + COLUMNS.get(7)));
        root.ifPresent(r -> a.add(r.name()));
        return a;
    }

    /**
     * Datasets in path order, each with its versions oldest first. {@code placeholder} is true
     * where the property's effective value is "on", inherited or not: see {@link #placeholderArgv}.
     */
    static List<DatasetInfo> parse(String output) {
        Map<String, String[]> datasets = new TreeMap<>();
        Map<String, List<FilesystemVersion>> versions = new TreeMap<>();
        int lineNo = 0;
        for (String line : output.split("\n")) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != COLUMNS.size()) {
                throw bad(lineNo, "expected " + COLUMNS.size() + " tab-separated fields, got " + f.length, line);
            }
            try {
                if (f[1].equals("snapshot") || f[1].equals("bookmark")) {
                    VersionType t = f[1].equals("snapshot") ? VersionType.SNAPSHOT : VersionType.BOOKMARK;
                    int at = f[0].indexOf(t.delimiter());
                    if (at <= 0) {
                        throw new IllegalArgumentException("no '" + t.delimiter() + "' in " + f[1] + " name");
                    }
                    versions.computeIfAbsent(f[0].substring(0, at), k -> new ArrayList<>()).add(
                            new FilesystemVersion(t, f[0].substring(at + 1), Guid.parse(f[2]),
                                    Long.parseLong(f[3]), Instant.ofEpochSecond(Long.parseLong(f[4]))));
                } else {
                    DatasetType.fromZfs(f[1]);
                    datasets.put(f[0], f);
                }
            } catch (IllegalArgumentException e) {
                throw bad(lineNo, e.getMessage(), line);
            }
        }
        for (String fs : versions.keySet()) {
            if (!datasets.containsKey(fs)) {
                throw new IllegalArgumentException("zfs list shows versions of " + LogText.escape(fs) + " but not the dataset");
            }
        }
        List<DatasetInfo> out = new ArrayList<>();
        for (String[] f : datasets.values()) {
            out.add(dataset(f, versions.getOrDefault(f[0], List.of())));
        }
        out.sort((a, b) -> a.path().compareTo(b.path()));
        return out;
    }

    private static DatasetInfo dataset(String[] f, List<FilesystemVersion> versions) {
        Optional<String> token = f[5].equals("-") ? Optional.empty() : Optional.of(f[5]);
        boolean placeholder = f[6].equals("on") || f[7].equals("on");
        Optional<DatasetPath> encRoot = f[10].equals("-") || f[10].isEmpty()
                ? Optional.empty() : Optional.of(DatasetPath.parse(f[10]));
        return new DatasetInfo(DatasetPath.parse(f[0]), DatasetType.fromZfs(f[1]), Guid.parse(f[2]), token,
                placeholder, f[8], KeyStatus.fromZfs(f[9]), encRoot, versions);
    }

    private static IllegalArgumentException bad(int lineNo, String why, String line) {
        return new IllegalArgumentException("zfs list line " + lineNo + ": " + LogText.escape(why) + ": '" + LogText.escape(line) + "'");
    }
}
