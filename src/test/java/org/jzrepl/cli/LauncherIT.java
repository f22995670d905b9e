package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/jzrepl against the packaged jar: jar lookup, JVM flags, and a clean stdout. */
class LauncherIT {

    static final Path LAUNCHER = Path.of("bin", "jzrepl").toAbsolutePath();
    static final Path JAR = Path.of("target", "jzrepl.jar").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void runsTheCheckoutJarAndPassesTheExitCodeThrough() throws Exception {
        Run version = run(LAUNCHER, Map.of(), "version");
        assertEquals(0, version.exit, version.err);
        assertTrue(version.out.startsWith("jzrepl " + VersionInfo.jzreplVersion() + "\n"), version.out);
        assertEquals(3, version.out.lines().count(), version.out);

        Path noDaemon = Files.writeString(tmp.resolve("nodaemon.yml"),
                "global:\n  control: {sockpath: " + tmp.resolve("control") + "}\njobs: []\n");
        assertEquals(ExitCode.DAEMON_UNREACHABLE.code(),
                run(LAUNCHER, Map.of(), "-c", noDaemon.toString(), "status", "--mode", "dump").exit);
        Run config = run(LAUNCHER, Map.of(), "-c", tmp.resolve("none.yml").toString(), "configcheck");
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), config.exit);
        assertEquals("", config.out);
    }

    @Test
    void staleClassDataArchiveIsSkippedWithoutAWord() throws Exception {
        Path jar = Files.copy(JAR, tmp.resolve("jzrepl.jar"));
        Path jsa = tmp.resolve("jzrepl.jsa");
        Run dump = exec(List.of("java", "-XX:ArchiveClassesAtExit=" + jsa, "-jar", jar.toString(), "version"), Map.of());
        assertEquals(0, dump.exit, dump.err);
        assertTrue(Files.size(jsa) > 0);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Run plainJava = exec(List.of("java", "-XX:SharedArchiveFile=" + jsa, "-jar", jar.toString(), "version"), Map.of());
        assertTrue((plainJava.out + plainJava.err).contains("shared archive"), "the archive is stale: " + plainJava);

        Run r = run(LAUNCHER, Map.of("JZREPL_JAR", jar.toString()), "version");
        assertEquals(0, r.exit, r.err);
        assertEquals("", r.err, "no JVM warning reaches the user");
        assertEquals(run(LAUNCHER, Map.of(), "version").out, r.out, "stdout holds only the program's output");
    }

    @Test
    void shortCommandsStartFastAndJavaOptsComeLast() throws Exception {
        Run r = run(LAUNCHER, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:TieredStopAtLevel=2"), "version");
        assertEquals(0, r.exit, r.err);
        String flags = jvmFlags(r);
        assertTrue(flags.contains("-XX:+UseSerialGC"), flags);
        assertTrue(flags.contains("-XX:-UsePerfData"), flags);
        assertTrue(flags.contains("-XX:TieredStopAtLevel=2"), "JAVA_OPTS wins: " + flags);
    }

    @Test
    void theForcedCommandAloneRunsTheJarsBaseClasses() throws Exception {
        String missing = tmp.resolve("none.yml").toString();
        Run forced = run(LAUNCHER, Map.of("JAVA_OPTS", "-XshowSettings:properties"), "-c", missing, "stdinserver", "x");
        assertTrue(forced.err.contains("jdk.util.jar.enableMultiRelease = false"), forced.err);
        Run other = run(LAUNCHER, Map.of("JAVA_OPTS", "-XshowSettings:properties"), "version");
        assertEquals(0, other.exit, other.err);
        assertFalse(other.err.contains("jdk.util.jar.enableMultiRelease"), other.err);
    }

    @Test
    void daemonKeepsTheFullJitAndTakesItsOwnOptions() throws Exception {
        // a missing config makes the daemon exit at once (2) after the JVM has printed its flags
        String missing = tmp.resolve("none.yml").toString();
        Run plain = run(LAUNCHER, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "-c", missing, "daemon");
        String flags = jvmFlags(plain);
        assertFalse(flags.contains("TieredStopAtLevel"), flags);
        assertTrue(flags.contains("-XX:+ExitOnOutOfMemoryError"), "out of memory ends the daemon: " + flags);
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), plain.exit, plain.err);
        // sized for the daemon (scripts/bench.sh memory), not as a fraction of the machine's RAM
        assertTrue(flags.contains("-XX:MaxHeapSize=268435456"), flags);
        assertTrue(flags.contains("-XX:InitialHeapSize=33554432"), flags);
        assertTrue(flags.contains("-XX:MaxNewSize=12582912") && flags.contains("-XX:NewSize=12582912"), flags);
        assertTrue(flags.contains("-XX:+UseSerialGC"), flags);

        Run own = run(LAUNCHER, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags",
                "JZREPL_DAEMON_JAVA_OPTS", "-Xmx96m"), "-c", missing, "daemon");
        String ownFlags = jvmFlags(own);
        assertTrue(ownFlags.contains("-XX:MaxHeapSize=100663296"), ownFlags);
        assertTrue(ownFlags.contains("-XX:+ExitOnOutOfMemoryError"), "kept with the daemon's own options: " + ownFlags);
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), own.exit, own.err);
    }

    @Test
    void daemonJvmExitsWhenAThreadRunsOutOfMemory() throws Exception {
        Path jar = tmp.resolve("oom.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, OutOfMemoryMain.class.getName());
        String entry = OutOfMemoryMain.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             var in = OutOfMemoryMain.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        Run r = run(LAUNCHER, Map.of("JZREPL_JAR", jar.toString(), "JZREPL_DAEMON_JAVA_OPTS", "-Xmx32m"), "daemon");
        assertEquals(3, r.exit, "the JVM must end, not live on with a dead thread: " + r.err);
        // HotSpot prints this line on its tty; the launcher sends the tty to stderr, never stdout
        assertTrue(r.err.contains("Terminating due to java.lang.OutOfMemoryError"), r.out + r.err);
        assertFalse(r.out.contains("Terminating"), "the JVM wrote to stdout: " + r.out);
        assertFalse(r.err.contains("still running"), r.err);
    }

    @Test
    void usesTheNativeLibraryNextToTheJarWhenPresent() throws Exception {
        Path jar = Files.copy(JAR, tmp.resolve("jzrepl.jar"));
        String property = "org.newsclub.net.unix.library.override";
        Run without = run(LAUNCHER, Map.of("JZREPL_JAR", jar.toString(), "JAVA_OPTS", "-XshowSettings:properties"), "version");
        assertFalse(without.err.contains(property), without.err);

        Path lib = Files.writeString(tmp.resolve("libjunixsocket-native.so"), "");
        Run with = run(LAUNCHER, Map.of("JZREPL_JAR", jar.toString(), "JAVA_OPTS", "-XshowSettings:properties"), "version");
        assertEquals(0, with.exit, with.err);
        assertTrue(with.err.contains(property + " = " + lib), with.err);
    }

    @Test
    void symlinkToTheLauncherFindsItsCheckout() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("jzrepl"), LAUNCHER);
        Run r;
        try {
            r = run(link, Map.of(), "version");
        } finally {
            Files.delete(link);
        }
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.startsWith("jzrepl "), r.out);
    }

    @Test
    void checkoutWithoutBuiltJarSaysHowToBuildIt() throws Exception {
        Files.createDirectories(tmp.resolve("bin"));
        Path launcher = Files.copy(LAUNCHER, tmp.resolve("bin/jzrepl"));
        Files.writeString(tmp.resolve("pom.xml"), "<project/>");
        Run r = run(launcher, Map.of(), "version");
        assertEquals(1, r.exit);
        assertEquals("", r.out);
        assertTrue(r.err.contains("run mvn -B package -DskipTests first"), r.err);
    }

    @Test
    void javaHomeWithoutJavaIsReported() throws Exception {
        Run r = run(LAUNCHER, Map.of("JAVA_HOME", tmp.toString()), "version");
        assertEquals(1, r.exit);
        assertEquals("jzrepl: JAVA_HOME=" + tmp + " has no bin/java\n", r.err);
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        return exec(cmd, env);
    }

    private Run exec(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("JZREPL_JAR");
        pb.environment().remove("JZREPL_DAEMON_JAVA_OPTS");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in 60 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The JVM's -XX:+PrintCommandLineFlags line: on stderr, as every JVM message (never stdout). */
    private static String jvmFlags(Run r) {
        assertFalse(r.out.contains("-XX:"), "the JVM wrote to stdout: " + r.out);
        return r.err.lines().filter(l -> l.contains("-XX:")).findFirst().orElseThrow();
    }
}
