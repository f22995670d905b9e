package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryExtractorTest {

    @TempDir
    Path tmp;

    @Test
    void copiesTheFullLibraryForTheArchitectureAtomicallyWithMode0644() throws IOException {
        Path jar = jar(Map.of(
                "lib/amd64-Linux-clang/jni/libjunixsocket-native-2.11.1.so", "amd64 full",
                "lib/amd64-Linux-clang/jni/libjunixsocket-native-2.11.1.nodeps.so", "amd64 nodeps",
                "lib/aarch64-Linux-clang/jni/libjunixsocket-native-2.11.1.so", "arm full",
                "org/jzrepl/Foo.class", "x"));
        Path dest = tmp.resolve("libjunixsocket-native.so");
        Files.writeString(dest, "an older library");

        String entry = NativeLibraryExtractor.extract(jar, "amd64", dest);

        assertEquals("lib/amd64-Linux-clang/jni/libjunixsocket-native-2.11.1.so", entry);
        assertArrayEquals("amd64 full".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dest));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest)));
        try (var left = Files.list(tmp)) {
            assertEquals(List.of("jzrepl.jar", "libjunixsocket-native.so"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "no temp file left behind");
        }
        NativeLibraryExtractor.extract(jar, "aarch64", dest);
        assertEquals("arm full", Files.readString(dest));
    }

    @Test
    void aJarWithoutTheArchitecturesLibraryIsAnErrorAndLeavesNoFile() throws IOException {
        Path jar = jar(Map.of("lib/aarch64-Linux-clang/jni/libjunixsocket-native-2.11.1.so", "arm"));
        Path dest = tmp.resolve("libjunixsocket-native.so");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NativeLibraryExtractor.extract(jar, "amd64", dest));

        assertTrue(e.getMessage().contains("no junixsocket library for amd64-Linux"), e.getMessage());
        assertFalse(Files.exists(dest));
    }

    @Test
    void picksTheHighestVersionAndRejectsOddArchitectureNames() {
        List<String> names = List.of(
                "lib/amd64-Linux-clang/jni/libjunixsocket-native-2.9.0.so",
                "lib/amd64-Linux-clang/jni/libjunixsocket-native-2.10.0.so",
                "lib/amd64-Linux-gpp/jni/libjunixsocket-native-2.10.0.1.so.bak",
                "lib/amd64-Linux-clang/jni/libjunixsocket-native-99999999999999999999.so");
        assertEquals("lib/amd64-Linux-clang/jni/libjunixsocket-native-2.10.0.so",
                NativeLibraryExtractor.libraryEntry(names, "amd64"));
        assertThrows(IllegalStateException.class, () -> NativeLibraryExtractor.libraryEntry(names, "amd64/../x"));
        assertThrows(IllegalStateException.class, () -> NativeLibraryExtractor.libraryEntry(names, null));
    }

    private Path jar(Map<String, String> entries) throws IOException {
        Path jar = tmp.resolve("jzrepl.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }
}
