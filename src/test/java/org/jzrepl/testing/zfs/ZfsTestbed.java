package org.jzrepl.testing.zfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.cmd.ZfsCli;
import org.jzrepl.zfs.cmd.ZfsMeter;
import org.jzrepl.zfs.cmd.ZfsRunner;

/**
 * JUnit 5 extension for tests against real ZFS in the project's testbed VM
 * ({@code scripts/zfs-testbed.sh}). Register it on a static field:
 * <pre>{@code @RegisterExtension static final ZfsTestbed TESTBED = new ZfsTestbed();}</pre>
 * Before the class it finds the wrappers through {@value #BIN_DIR_ENV} and creates a uniquely
 * named pool on a 512 MiB sparse file in the guest; after the class it destroys the pool. Without
 * the variable the class is skipped, unless {@code CI} is set: then a missing testbed fails.
 * Helpers write files into datasets and checksum their content, for replication tests.
 * Guest commands are bounded by {@link #COMMAND_TIMEOUT}; streams through the wrappers run at
 * ~10 MB/s, so keep test data to a few MiB.
 */
public final class ZfsTestbed implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    public static final String BIN_DIR_ENV = "JZREPL_ZFS_BIN_DIR";
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final String HOW_TO = "start the ZFS testbed: scripts/zfs-testbed.sh build && "
            + "scripts/zfs-testbed.sh start && eval \"$(scripts/zfs-testbed.sh env)\"";

    private Path binDir;
    private String pool;

    /** Skips (reported with the reason) when there is no testbed, unless under CI. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (binDirFromEnv() == null && !underCi()) {
            return ConditionEvaluationResult.disabled(BIN_DIR_ENV + " not set: skipping real-ZFS tests; to run them, "
                    + HOW_TO);
        }
        return ConditionEvaluationResult.enabled("ZFS testbed configured or required (CI)");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String dir = binDirFromEnv();
        if (dir == null) {
            throw new IllegalStateException(BIN_DIR_ENV + " is not set but CI is: the real-ZFS tests"
                    + " must run in CI; " + HOW_TO);
        }
        binDir = Path.of(dir);
        if (!Files.isExecutable(binDir.resolve("testbed-ssh"))) {
            throw new IllegalStateException(binDir + "/testbed-ssh missing: is the testbed running? " + HOW_TO);
        }
        String cls = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
        pool = "jzt" + cls.substring(0, Math.min(cls.length(), 20)) + HexFormat.of().formatHex(randomBytes(3));
        guest("truncate -s 512M " + image() + " && zpool create -f -m none -o ashift=12 " + pool + " " + image());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (pool != null) {
            guest("zpool destroy -f " + pool + "; rm -f " + image() + " " + keyFile()
                    + "; rm -rf --one-file-system " + mountRoot());
        }
    }

    private static String binDirFromEnv() {
        String dir = System.getenv(BIN_DIR_ENV);
        return dir == null || dir.isEmpty() ? null : dir;
    }

    private static boolean underCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false");
    }

    /** The directory holding the {@code zfs}, {@code zpool} and {@code testbed-ssh} wrappers. */
    public Path binDir() {
        return binDir;
    }

    public Path zfsBinary() {
        return binDir.resolve("zfs");
    }

    /** The pool created for this test class. */
    public DatasetPath pool() {
        return DatasetPath.parse(pool);
    }

    /** {@code pool/name...}: a dataset path under this class's pool (not created). */
    public DatasetPath path(String relative) {
        return DatasetPath.parse(pool + "/" + relative);
    }

    /** The adapter on the testbed's zfs wrapper. */
    public ZfsCli zfs(ZfsMeter meter) {
        return new ZfsCli(new ZfsRunner(zfsBinary(), meter, COMMAND_TIMEOUT));
    }

    public ZfsCli zfs() {
        return zfs(ZfsMeter.NONE);
    }

    /** Runs a command line in the guest's shell; returns stdout, fails on a nonzero exit. */
    public String guest(String commandLine) {
        return guest(commandLine, new byte[0]);
    }

    /** Runs a command line in the guest's shell with {@code stdin}; returns stdout. */
    public String guest(String commandLine, byte[] stdin) {
        try {
            Process p = new ProcessBuilder(binDir.resolve("testbed-ssh").toString(), commandLine).start();
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            }
            if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("guest command timed out after " + COMMAND_TIMEOUT + ": " + commandLine);
            }
            String stdout = new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError("guest command failed (exit " + p.exitValue() + "): " + commandLine
                        + "\n" + new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("reading guest command output failed: " + commandLine, e);
        }
    }

    /** Mounts {@code ds} at {@code /mnt/POOL/...} in the guest (if not yet) and returns the mountpoint. */
    public String mount(DatasetPath ds) {
        String mp = mountRoot() + "/" + ds.relativeTo(pool()).stream().reduce((a, b) -> a + "/" + b).orElse("root");
        guest("zfs set mountpoint=" + quote(mp) + " " + quote(ds.name())
                + " && { [ \"$(zfs get -H -o value mounted " + quote(ds.name()) + ")\" = yes ] || zfs mount "
                + quote(ds.name()) + "; }");
        return mp;
    }

    /** Writes {@code content} to {@code relPath} inside dataset {@code ds} (mounting it). */
    public void writeFile(DatasetPath ds, String relPath, byte[] content) {
        String f = mount(ds) + "/" + relPath;
        guest("mkdir -p \"$(dirname " + quote(f) + ")\" && cat > " + quote(f), content);
    }

    /** Writes {@code mib} MiB of random data to {@code relPath} inside {@code ds}, in the guest. */
    public void writeRandom(DatasetPath ds, String relPath, int mib) {
        writeRandomKib(ds, relPath, mib * 1024);
    }

    /** Writes {@code kib} KiB (rounded up to 64 KiB blocks) of random data to {@code relPath} in {@code ds}. */
    public void writeRandomKib(DatasetPath ds, String relPath, int kib) {
        String f = mount(ds) + "/" + relPath;
        guest("mkdir -p \"$(dirname " + quote(f) + ")\" && dd if=/dev/urandom of=" + quote(f)
                + " bs=64K count=" + Math.max(1, (kib + 63) / 64) + " status=none");
    }

    /** A sha256 over the names and contents of every file in {@code ds} (mounting it). */
    public String checksum(DatasetPath ds) {
        return checksumDir(mount(ds));
    }

    /** The same checksum over snapshot {@code ds@snapshot}, read from {@code .zfs/snapshot}. */
    public String checksum(DatasetPath ds, String snapshot) {
        return checksumDir(mount(ds) + "/.zfs/snapshot/" + snapshot);
    }

    private String checksumDir(String dir) {
        return guest("cd " + quote(dir) + " && find . -type f -print0 | LC_ALL=C sort -z"
                + " | xargs -0r sha256sum | sha256sum | cut -d' ' -f1").strip();
    }

    /** The guest path of this class's passphrase key file, written on first use. */
    public String keyLocation(String passphrase) {
        guest("cat > " + keyFile(), passphrase.getBytes(StandardCharsets.UTF_8));
        return "file://" + keyFile();
    }

    /** Single-quotes {@code s} for the guest shell. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private String image() {
        return "/var/tmp/" + pool + ".img";
    }

    private String keyFile() {
        return "/var/tmp/" + pool + ".key";
    }

    private String mountRoot() {
        return "/mnt/" + pool;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                return buf.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "testbed-drain");   // own threads: the common pool may have one
            t.setDaemon(true);
            t.start();
        });
    }
}
