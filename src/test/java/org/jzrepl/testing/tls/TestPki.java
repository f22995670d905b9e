package org.jzrepl.testing.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for tls tests, made by the {@code openssl} binary in a directory of the test's:
 * CAs and leaf certificates (EC P-256, CN and subjectAltName DNS the same name, as zrepl's recipe
 * makes them), PKCS#8 keys as {@code openssl req -nodes} writes them, and expired leaves
 * ({@code -days -1}: valid until a day before they were made). {@link #available()} says whether
 * openssl can be run at all.
 */
public final class TestPki {
    private final Path dir;

    /** One certificate and its key. */
    public record Pair(Path cert, Path key) {
    }

    /** A CA: its certificate (the {@code ca} file of the other side) and its key. */
    public record Ca(String name, Path cert, Path key) {
    }

    public TestPki(Path dir) {
        this.dir = dir;
    }

    public static boolean available() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A self-signed CA named {@code name}. */
    public Ca ca(String name) throws IOException {
        Path key = dir.resolve(name + ".key");
        Path cert = dir.resolve(name + ".crt");
        run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-days", "30", "-subj", "/CN=" + name);
        return new Ca(name, cert, key);
    }

    /** A leaf for {@code cn}, signed by {@code ca}, valid for {@code days} (negative: expired). */
    public Pair leaf(Ca ca, String cn, int days) throws IOException {
        Path key = dir.resolve(cn + "-" + ca.name() + "-" + days + ".key");
        Path csr = dir.resolve(cn + "-" + ca.name() + "-" + days + ".csr");
        Path cert = dir.resolve(cn + "-" + ca.name() + "-" + days + ".crt");
        Path ext = dir.resolve(cn + "-" + ca.name() + "-" + days + ".ext");
        Files.writeString(ext, "subjectAltName=DNS:" + cn + "\nextendedKeyUsage=serverAuth,clientAuth\n"
                + "keyUsage=digitalSignature\n", StandardCharsets.US_ASCII);
        run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(),
                "-out", csr.toString(), "-subj", "/CN=" + cn);
        run("x509", "-req", "-in", csr.toString(), "-CA", ca.cert().toString(), "-CAkey", ca.key().toString(),
                "-CAcreateserial", "-days", Integer.toString(days), "-extfile", ext.toString(), "-out", cert.toString());
        return new Pair(cert, key);
    }

    public Pair leaf(Ca ca, String cn) throws IOException {
        return leaf(ca, cn, 30);
    }

    /** Runs {@code openssl args...} in the directory; throws with its output when it fails. */
    public String run(String... args) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add("openssl");
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", argv) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
