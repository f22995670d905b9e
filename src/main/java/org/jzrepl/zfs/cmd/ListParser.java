package org.jzrepl.zfs.cmd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jzrepl.util.LogText;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;
import org.jzrepl.zfs.VersionType;

/**
 * Builds the {@code zfs list -H -p -o COLUMNS -t filesystem,volume,snapshot,bookmark} commands and
 * parses their output into datasets with their versions: {@code -r} for a tree or all pools,
 * {@code -d 1} for one dataset (its snapshots and bookmarks, not those of its children). Pure;
 * throws IllegalArgumentException naming the bad line.
 */
final class ListParser {

    /** The columns asked for, in order. Unset properties print as "-". */
    static final List<String> COLUMNS = List.of("name", "type", "guid", "createtxg", "creation",
            "receive_resume_token", "jzrepl:placeholder", "zrepl:placeholder",
            "encryption", "keystatus", "encryptionroot");
    static final String TYPES = "filesystem,volume,snapshot,bookmark";
    private static final String PLACEHOLDER_PROPERTIES = COLUMNS.get(6) + "," + COLUMNS.get(7);

    private ListParser() {
    }

    /** The argv of the list command for one tree ({@code root} present) or for all pools. */
    static List<String> argv(Optional<DatasetPath> root) {
        List<String> options = List.of("-H", "-p", "-o", String.join(",", COLUMNS), "-t", TYPES, "-r");
        return Argv.of("list", options, root.map(r -> List.of(r.name())).orElse(List.of()));
    }

    /** The argv listing the filesystems and volumes (no versions) under {@code roots}, or of all pools. */
    static List<String> datasetsArgv(List<DatasetPath> roots) {
        List<String> options = List.of("-H", "-p", "-o", String.join(",", COLUMNS), "-t", "filesystem,volume", "-r");
        return Argv.of("list", options, roots.stream().map(DatasetPath::name).toList());
    }

    /** The argv listing the trees under {@code roots} with their versions, or all pools for none. */
    static List<String> treesArgv(List<DatasetPath> roots) {
        List<String> options = List.of("-H", "-p", "-o", String.join(",", COLUMNS), "-t", TYPES, "-r");
        return Argv.of("list", options, roots.stream().map(DatasetPath::name).toList());
    }

    /** {@link #placeholderArgv(Optional)} over several trees. */
    static List<String> placeholderArgv(List<DatasetPath> roots) {
        List<String> operands = new java.util.ArrayList<>();
        operands.add(PLACEHOLDER_PROPERTIES);
        roots.forEach(r -> operands.add(r.name()));
        return Argv.of("get", List.of("-H", "-p", "-r", "-s", "local", "-o", "name,property,value",
                "-t", "filesystem,volume"), operands);
    }

    /**
     * The argv listing {@code fs} and its own snapshots and bookmarks: at depth 1 zfs lists a
     * dataset's versions and its direct children (one line each, which {@link #parseDataset} skips),
     * but not the children's versions nor anything deeper.
     */
    static List<String> datasetArgv(DatasetPath fs) {
        return Argv.of("list", List.of("-H", "-p", "-o", String.join(",", COLUMNS), "-t", TYPES, "-d", "1"),
                fs.name());
    }

    /**
     * The command that tells which datasets set a placeholder property themselves: zfs list shows
     * inherited user properties like local ones, and every child of a placeholder inherits "on".
     */
    static List<String> placeholderArgv(Optional<DatasetPath> root) {
        List<String> options = List.of("-H", "-p", "-r", "-s", "local", "-o", "name,property,value",
                "-t", "filesystem,volume");
        return Argv.of("get", options, root.map(r -> List.of(PLACEHOLDER_PROPERTIES, r.name()))
                .orElse(List.of(PLACEHOLDER_PROPERTIES)));
    }

    /** {@link #placeholderArgv} for {@code fs} alone, not its children. */
    static List<String> placeholderArgv(DatasetPath fs) {
        return Argv.of("get", List.of("-H", "-p", "-s", "local", "-o", "name,property,value",
                "-t", "filesystem,volume"), List.of(PLACEHOLDER_PROPERTIES, fs.name()));
    }

    /**
     * {@code fs} with its versions from the output of {@link #datasetArgv}; empty when zfs printed
     * no line for it. Lines of its direct children are skipped unparsed; a line naming anything
     * else (a deeper dataset, another dataset's version) is an error, as zfs never prints one.
     */
    static Optional<DatasetInfo> parseDataset(DatasetPath fs, String output) {
        String self = fs.name();
        String childPrefix = self + "/";
        List<DatasetInfo> found = parse(output, name -> {
            if (name.equals(self) || name.startsWith(self + "@") || name.startsWith(self + "#")) {
                return true;
            }
            if (name.startsWith(childPrefix) && name.indexOf('/', childPrefix.length()) < 0
                    && name.indexOf('@') < 0 && name.indexOf('#') < 0) {
                return false;
            }
            throw new IllegalArgumentException("listing " + self + " at depth 1 shows '" + name + "'");
        });
        return found.stream().filter(d -> d.path().equals(fs)).findFirst();
    }

    /** Every line of {@code output}, as {@link #parse(String, Predicate)} with no line skipped. */
    static List<DatasetInfo> parse(String output) {
        return parse(output, name -> true);
    }

    /**
     * Datasets in path order, each with its versions oldest first. {@code placeholder} is true
     * where the property's effective value is "on", inherited or not: see {@link #placeholderArgv}.
     * A line whose name (first field) {@code keepName} rejects is skipped before it is split.
     */
    static List<DatasetInfo> parse(String output, Predicate<String> keepName) {
        Map<String, String[]> datasets = new TreeMap<>();
        Map<String, List<FilesystemVersion>> versions = new TreeMap<>();
        int lineNo = 0;
        for (String line : output.split("\n")) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            try {
                if (!keepName.test(tab < 0 ? line : line.substring(0, tab))) {
                    continue;
                }
            } catch (IllegalArgumentException e) {
                throw bad(lineNo, e.getMessage(), line);
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
