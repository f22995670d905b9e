package org.jzrepl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jzrepl.util.LogText;

/**
 * Install-time helper, not a subcommand: copies junixsocket's native library for this machine out
 * of the jar, so the SSH forced command need not unpack it into a temp directory on every
 * connection (slow, and impossible where /tmp is mounted noexec). scripts/build-cds.sh runs it as
 * {@code java -cp JAR org.jzrepl.cli.NativeLibraryExtractor JAR DEST}: the package depends on a
 * Java runtime only, which has no {@code jar} tool. Exit status 0 when DEST was written, 1 with a
 * one-line reason on stderr otherwise; DEST is replaced atomically, never left half written.
 */
public final class NativeLibraryExtractor {

    private NativeLibraryExtractor() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java -cp JAR " + NativeLibraryExtractor.class.getName() + " JAR DEST");
            System.exit(2);
        }
        try {
            String entry = extract(Path.of(args[0]), System.getProperty("os.arch"), Path.of(args[1]));
            System.err.println("extracted " + entry + " to " + args[1]);
            System.exit(0);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            System.err.println("cannot extract junixsocket's native library from " + args[0] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Copies the library for {@code osArch} (a value of the os.arch property: amd64, aarch64, ...)
     * from {@code jar} to {@code dest} (mode 0644) and returns the entry's name.
     *
     * @throws IllegalStateException if the jar holds no library for that architecture
     */
    static String extract(Path jar, String osArch, Path dest) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream().forEach(e -> names.add(e.getName()));
            String name = libraryEntry(names, osArch);
            ZipEntry entry = zip.getEntry(name);
            Path parent = dest.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(parent, ".libjunixsocket", ".tmp");
            try {
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                if (entry.getSize() >= 0 && Files.size(tmp) != entry.getSize()) {
                    throw new IOException(name + ": wrote " + Files.size(tmp) + " bytes of " + entry.getSize());
                }
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return name;
        }
    }

    /**
     * The entry of junixsocket's full Linux library for {@code osArch} among {@code names}
     * (lib/ARCH-Linux-COMPILER/jni/libjunixsocket-native-VERSION.so, not the .nodeps variant);
     * the highest version if there are several.
     */
    static String libraryEntry(List<String> names, String osArch) {
        String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        if (!arch.matches("[a-z0-9_]+")) {
            throw new IllegalStateException("unexpected os.arch " + "'" + LogText.escape(String.valueOf(osArch), 40) + "'");
        }
        Pattern library = Pattern.compile("lib/" + Pattern.quote(arch)
                + "-Linux-[a-z]+/jni/libjunixsocket-native-([0-9]{1,9}(?:\\.[0-9]{1,9}){0,5})\\.so");
        return names.stream()
                .filter(n -> library.matcher(n).matches())
                .max(Comparator.comparing(NativeLibraryExtractor::version, NativeLibraryExtractor::compareVersions))
                .orElseThrow(() -> new IllegalStateException("the jar holds no junixsocket library for "
                        + arch + "-Linux"));
    }

    private static String version(String entry) {
        String file = entry.substring(entry.lastIndexOf('/') + 1);
        return file.substring("libjunixsocket-native-".length(), file.length() - ".so".length());
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }
}
