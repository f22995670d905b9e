package org.jzrepl.daemon;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code zfs} binary the daemon and the CLI run: {@value #ENV} if set (an absolute path,
 * e.g. a wrapper), else the system property {@value #PROPERTY} (for tests and embedding), else the
 * first executable {@code zfs} on {@code PATH}, else {@code /sbin/zfs}.
 */
public final class ZfsBinary {
    /** Environment variable naming the zfs binary to run. */
    public static final String ENV = "JZREPL_ZFS_BIN";
    /** System property naming the zfs binary when {@value #ENV} is not set. */
    public static final String PROPERTY = "jzrepl.zfs.bin";

    private ZfsBinary() {
    }

    /** The one way every command and the daemon run zfs: {@link #locate()}, unmetered. */
    public static org.jzrepl.zfs.cmd.ZfsCli cli() {
        return new org.jzrepl.zfs.cmd.ZfsCli(new org.jzrepl.zfs.cmd.ZfsRunner(locate(),
                org.jzrepl.zfs.cmd.ZfsMeter.NONE));
    }

    /** The binary for the current process environment. */
    public static Path locate() {
        Map<String, String> env = System.getenv();
        String prop = System.getProperty(PROPERTY);
        if ((env.get(ENV) == null || env.get(ENV).isEmpty()) && prop != null && !prop.isEmpty()) {
            Map<String, String> with = new java.util.HashMap<>(env);
            with.put(ENV, prop);
            return locate(with);
        }
        return locate(env);
    }

    /**
     * The binary for {@code env}.
     *
     * @throws IllegalArgumentException if {@value #ENV} is set but is not an executable absolute path
     */
    public static Path locate(Map<String, String> env) {
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isEmpty()) {
            Path p = Path.of(explicit);
            if (!p.isAbsolute() || !Files.isExecutable(p)) {
                throw new IllegalArgumentException(ENV + "=" + explicit + " is not an executable absolute path");
            }
            return p;
        }
        return onPath(env.getOrDefault("PATH", "")).orElse(Path.of("/sbin/zfs"));
    }

    private static Optional<Path> onPath(String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "zfs");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
