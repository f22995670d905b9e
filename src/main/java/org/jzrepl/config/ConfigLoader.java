package org.jzrepl.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Entry point of the config layer: reads a file, expands {@code include}, binds and validates.
 * Every error names file, line, column and key path; all errors found are reported at once
 * (sorted by file, then position). Stateless and thread-safe.
 */
public final class ConfigLoader {
    /** Where the daemon and the CLI look when no {@code --config} is given. */
    public static final Path DEFAULT_PATH = Path.of("/etc/jzrepl/jzrepl.yml");

    private ConfigLoader() {
    }

    /**
     * Reads, includes, binds and validates a config file. Relative {@code include} entries are
     * resolved against the directory of {@code file}.
     *
     * @throws ConfigException with every error found, each naming file, line, column and key path
     */
    public static JzreplConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigError(file.toString(), 1, 1, "",
                    "cannot read config file: " + describe(e))));
        }
        return load(text, file);
    }

    /** Loads {@code text} as if it were the content of {@code file} (errors and includes use that path). */
    public static JzreplConfig load(String text, Path file) throws ConfigException {
        Problems p = new Problems(file.toString());
        List<String> files = new ArrayList<>();
        files.add(file.toString());
        List<CrossJobCheck.Bound> jobs = new ArrayList<>();
        GlobalConfig global = GlobalConfig.DEFAULT;
        Node root = YamlNodes.compose(p, text);
        if (root != null && !(root instanceof org.yaml.snakeyaml.nodes.MappingNode) && !YamlNodes.isNull(root)) {
            p.error(root, "", "a config file must be a mapping of global, jobs and include, got " + YamlNodes.kind(root));
        } else if (root != null && !YamlNodes.isNull(root)) {
            MapView m = MapView.of(p, root, "");
            if (m != null) {
                jobs.addAll(jobs(p, m));
                MapView g = m.map("global", false);
                global = GlobalBinder.global(p, g);
                for (Path inc : includes(p, m, file)) {
                    files.add(inc.toString());
                    jobs.addAll(included(p, inc));
                }
                p.file(file.toString());
                m.finish();
            }
        }
        CrossJobCheck.check(p, jobs, global);
        if (p.count() > 0) {
            List<ConfigError> sorted = new ArrayList<>(p.all());
            sorted.sort(Comparator.<ConfigError>comparingInt(e -> files.indexOf(e.file()))
                    .thenComparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
            throw new ConfigException(sorted);
        }
        List<JobConfig> list = jobs.stream().map(CrossJobCheck.Bound::job).toList();
        return new JzreplConfig(global, list);
    }

    private static List<CrossJobCheck.Bound> jobs(Problems p, MapView m) {
        List<Node> items = m.list("jobs", false);
        List<CrossJobCheck.Bound> out = new ArrayList<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            String path = "jobs[" + i + "]";
            JobConfig job = JobBinder.job(p, items.get(i), path);
            if (job != null) {
                out.add(new CrossJobCheck.Bound(job, p.file(), path, items.get(i)));
            }
        }
        return out;
    }

    /** The files named by {@code include}: .yml files, or the *.yml files of directories, sorted. */
    private static List<Path> includes(Problems p, MapView m, Path file) {
        List<Node> items = m.list("include", false);
        List<Path> out = new ArrayList<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            String keyPath = "include[" + i + "]";
            String entry = YamlNodes.string(p, items.get(i), keyPath);
            if (entry == null) {
                continue;
            }
            Path path = file.resolveSibling(entry);
            if (Files.isDirectory(path)) {
                try (Stream<Path> s = Files.list(path)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".yml") && Files.isRegularFile(f))
                            .sorted().forEach(out::add);
                } catch (IOException e) {
                    p.error(items.get(i), keyPath, "cannot list included directory '" + path + "': " + describe(e));
                }
            } else if (Files.isRegularFile(path)) {
                if (!entry.endsWith(".yml")) {
                    p.error(items.get(i), keyPath, "only .yml files can be included, not '" + entry + "'");
                } else {
                    out.add(path);
                }
            } else {
                p.error(items.get(i), keyPath, Files.exists(path)
                        ? "'" + path + "' is neither a .yml file nor a directory"
                        : "included path '" + path + "' does not exist");
            }
        }
        return out;
    }

    private static List<CrossJobCheck.Bound> included(Problems p, Path inc) {
        p.file(inc.toString());
        String text;
        try {
            text = Files.readString(inc, StandardCharsets.UTF_8);
        } catch (IOException e) {
            p.all().add(new ConfigError(inc.toString(), 1, 1, "", "cannot read included file: " + describe(e)));
            return List.of();
        }
        Node root = YamlNodes.compose(p, text);
        if (root == null || YamlNodes.isNull(root)) {
            return List.of();
        }
        if (!(root instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
            p.error(root, "", "an included file must be a mapping holding jobs, got " + YamlNodes.kind(root));
            return List.of();
        }
        MapView m = MapView.of(p, root, "");
        if (m == null) {
            return List.of();
        }
        List<CrossJobCheck.Bound> jobs = jobs(p, m);
        m.refuse("include", "included files cannot include other files");
        m.refuse("global", "global belongs in the main config file; included files hold only jobs");
        m.finish();
        return jobs;
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        if (kind.equals("NoSuchFileException")) {
            return "no such file";
        }
        if (kind.equals("AccessDeniedException")) {
            return "permission denied";
        }
        return e.getMessage() == null ? kind : e.getMessage();
    }
}
