package org.jzrepl.testing.sshd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@code jzrepl stdinserver} command line for tests: the built launcher
 * {@code bin/jzrepl} when the packaged jar exists, else a JVM on the test classpath.
 */
public final class ForcedCommand {
    private ForcedCommand() {
    }

    /** Absolute path of the project directory (the one holding pom.xml). */
    public static Path projectDir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find pom.xml above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** The config that tells the production forced command where the daemon's sockets are. */
    public static String config(Path sockdir) {
        return "global:\n  serve:\n    stdinserver:\n      sockdir: " + sockdir + "\njobs: []\n";
    }

    /**
     * The production authorized_keys command {@code <project>/bin/jzrepl stdinserver IDENT}, for an
     * sshd whose /etc holds {@code jzrepl/jzrepl.yml} with {@link #config} (see
     * {@link TestSshd#start(Path, java.util.Map)}), or {@link #argv} when the jar is not built.
     */
    public static List<String> productionArgv(Path sockdir, String identity) {
        Path launcher = projectDir().resolve("bin/jzrepl");
        if (Files.isExecutable(launcher) && Files.exists(projectDir().resolve("target/jzrepl.jar"))) {
            return List.of(launcher.toString(), "stdinserver", identity);
        }
        return javaArgv(sockdir, identity);
    }

    /**
     * argv of the forced command: {@code <project>/bin/jzrepl stdinserver --sockdir DIR IDENT} when
     * the jar is built (integration tests run after {@code package}), else {@link #javaArgv}.
     */
    public static List<String> argv(Path sockdir, String identity) {
        Path launcher = projectDir().resolve("bin/jzrepl");
        if (Files.isExecutable(launcher) && Files.exists(projectDir().resolve("target/jzrepl.jar"))) {
            return List.of(launcher.toString(), "stdinserver", "--sockdir", sockdir.toString(), identity);
        }
        return javaArgv(sockdir, identity);
    }

    /** argv of a JVM running {@link StdinserverMain} on this test's classpath, with start-up flags. */
    public static List<String> javaArgv(Path sockdir, String identity) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("-XX:TieredStopAtLevel=1");
        argv.add("-XX:+UseSerialGC");
        argv.add("-XX:-UsePerfData");
        argv.add("-Xlog:disable");
        argv.add("-Xlog:all=warning:stderr");
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(StdinserverMain.class.getName());
        argv.add(sockdir.toString());
        argv.add(identity);
        return argv;
    }

    /** One shell-quoted line, as used inside authorized_keys {@code command="..."}. */
    public static String shellLine(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (a.matches("[A-Za-z0-9_./:=+,@%-]+")) {
                sb.append(a);
            } else {
                sb.append('\'').append(a.replace("'", "'\\''")).append('\'');
            }
        }
        return sb.toString();
    }
}
