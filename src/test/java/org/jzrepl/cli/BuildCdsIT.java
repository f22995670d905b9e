package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/build-cds.sh as the package's postinst runs it: against an installed layout
 * (DIR/jzrepl.jar, DIR/bin/jzrepl) and a Java runtime without the JDK's tools (a java whose own
 * directory holds nothing else, as openjdk-17-jre-headless).
 */
class BuildCdsIT {

    static final Path SCRIPT = Path.of("scripts", "build-cds.sh").toAbsolutePath();
    static final Path JAR = Path.of("target", "jzrepl.jar").toAbsolutePath();
    static final Path LAUNCHER = Path.of("bin", "jzrepl").toAbsolutePath();

    @TempDir
    Path tmp;
    Path share;
    Path jre;

    @BeforeEach
    void installedLayoutAndARuntimeWithoutJdkTools() throws IOException {
        share = Files.createDirectories(tmp.resolve("share"));
        Files.createDirectories(share.resolve("bin"));
        Files.copy(LAUNCHER, share.resolve("bin/jzrepl"));
        jre = Files.createDirectories(tmp.resolve("jre/bin"));
        Path realJava = Path.of(System.getProperty("java.home"), "bin", "java");
        Path java = Files.writeString(jre.resolve("java"), "#!/bin/sh\nexec " + realJava + " \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void extractsTheNativeLibraryAndBuildsBothArchivesWithAJreOnly() throws Exception {
        Path jar = Files.copy(JAR, share.resolve("jzrepl.jar"));

        Run r = buildCds(jar);

        assertEquals(0, r.exit, r.err);
        assertFalse(r.err.contains("FAILED"), r.err);
        Path lib = share.resolve("libjunixsocket-native.so");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry("lib/amd64-Linux-clang/jni/libjunixsocket-native-"
                    + junixsocketVersion(zip) + ".so");
            assertArrayEquals(zip.getInputStream(entry).readAllBytes(), Files.readAllBytes(lib));
        }
        assertTrue(Files.size(share.resolve("jzrepl.jsa")) > 0);
        assertTrue(Files.size(share.resolve("jzrepl-stdinserver.jsa")) > 0);
        Run version = launch("version");
        assertEquals(0, version.exit, version.err);
        assertEquals("", version.err);
    }

    @Test
    void aReplacedJarRunsSilentlyAndTheNextRunRebuildsTheArchives() throws Exception {
        Path jar = Files.copy(JAR, share.resolve("jzrepl.jar"));
        assertEquals(0, buildCds(jar).exit);
        FileTime built = Files.getLastModifiedTime(share.resolve("jzrepl.jsa"));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        Run stale = launch("version");
        assertEquals(0, stale.exit, stale.err);
        assertEquals("", stale.err, "a stale archive never prints a JVM warning");

        Thread.sleep(1100);
        Run again = buildCds(jar);
        assertEquals(0, again.exit, again.err);
        assertNotEquals(built, Files.getLastModifiedTime(share.resolve("jzrepl.jsa")));
        Run fresh = launch("-c", tmp.resolve("none.yml").toString(), "configcheck");
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), fresh.exit);
        assertFalse(fresh.err.contains("shared archive"), fresh.err);
    }

    @Test
    void aJarWithoutTheLibraryFailsLoudlyInsteadOfClaimingSuccess() throws Exception {
        Path jar = share.resolve("jzrepl.jar");
        copyWithout(JAR, jar, "lib/");

        Run r = buildCds(jar);

        assertEquals(1, r.exit, r.err);
        assertTrue(r.err.contains("build-cds: FAILED: cannot extract junixsocket's native library"), r.err);
        assertTrue(r.err.contains("no junixsocket library for amd64-Linux"), r.err);
        assertFalse(r.err.contains("wrote"), r.err);
        assertFalse(Files.exists(share.resolve("libjunixsocket-native.so")));
    }

    private static String junixsocketVersion(ZipFile zip) {
        return zip.stream().map(ZipEntry::getName)
                .filter(n -> n.startsWith("lib/amd64-Linux-clang/jni/libjunixsocket-native-") && !n.contains("nodeps"))
                .map(n -> n.substring(n.lastIndexOf('-') + 1, n.length() - ".so".length()))
                .findFirst().orElseThrow();
    }

    private static void copyWithout(Path from, Path to, String prefix) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.getName().startsWith(prefix)) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    in.transferTo(out);
                }
            }
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run buildCds(Path jar) throws Exception {
        return exec(List.of(SCRIPT.toString(), jar.toString()));
    }

    private Run launch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(share.resolve("bin/jzrepl").toString());
        cmd.addAll(Arrays.asList(args));
        return exec(cmd);
    }

    private Run exec(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("JZREPL_JAR");
        pb.environment().put("JAVA", jre.resolve("java").toString());
        pb.environment().put("JAVA_HOME", jre.getParent().toString());
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
