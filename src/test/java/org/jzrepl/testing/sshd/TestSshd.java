package org.jzrepl.testing.sshd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jzrepl.transport.ssh.SshConnectSettings;

/**
 * A real OpenSSH sshd on 127.0.0.1 for tests: its own free port, host key, authorized_keys,
 * client key and known_hosts, all under one directory. Reusable by any test that needs the SSH
 * path: {@code TestSshd.start(dir)}, {@link #authorize} forced commands, dial with
 * {@link #settings()}, {@link #close()} stops sshd and every session process it started.
 */
public final class TestSshd implements AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Path dir;
    private final int port;
    private final Process process;
    private final List<String> authorized = new ArrayList<>();

    private TestSshd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Generates keys and config in {@code dir}, starts sshd and waits until it accepts connections. */
    public static TestSshd start(Path dir) throws IOException, InterruptedException {
        return start(dir, Map.of());
    }

    /**
     * Like {@link #start(Path)}, but sshd and its sessions see {@code /etc} with these extra files
     * (paths relative to /etc, e.g. {@code jzrepl/jzrepl.yml}): an overlay mount in a private mount
     * namespace, invisible to the rest of the machine. Needs root; see {@link #etcOverlaySupported()}.
     */
    public static TestSshd start(Path dir, Map<String, String> etcFiles) throws IOException, InterruptedException {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException(SSHD + " is missing: run scripts/setup-deps.sh (Debian package openssh-server)");
        }
        Files.createDirectories(dir);
        Path privsep = Path.of("/run/sshd");
        if (!Files.isDirectory(privsep) && isRoot()) {
            Files.createDirectories(privsep, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        generateKey(dir.resolve("host_ed25519"), "ed25519", "");
        generateKey(dir.resolve("client_ed25519"), "ed25519", "");
        Files.writeString(dir.resolve("authorized_keys"), "");
        int port = freePort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_ed25519"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PidFile " + dir.resolve("sshd.pid"),
                "StrictModes no",
                "UsePAM no",
                "PermitRootLogin forced-commands-only",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "MaxSessions 20",
                "LogLevel ERROR",
                "") + "\n");
        List<String> argv = List.of(SSHD.toString(), "-D", "-e", "-f", config.toString());
        if (!etcFiles.isEmpty()) {
            Path upper = dir.resolve("etc-upper");
            Path work = dir.resolve("etc-work");
            Files.createDirectories(work);
            for (Map.Entry<String, String> f : etcFiles.entrySet()) {
                Path target = upper.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue());
            }
            argv = List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                    "mount -t overlay overlay -o lowerdir=/etc,upperdir=" + upper + ",workdir=" + work + " /etc && exec "
                            + String.join(" ", argv));
        }
        Process p = new ProcessBuilder(argv)
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        TestSshd sshd = new TestSshd(dir, port, p);
        Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine(dir.resolve("host_ed25519.pub")) + "\n");
        sshd.awaitListening();
        return sshd;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited with " + process.exitValue() + ": " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IOException("sshd did not listen on port " + port + " within " + START_TIMEOUT.toSeconds() + "s: " + log());
    }

    /** Replaces authorized_keys with one line per call so far: {@code command="CMD",restrict KEY}. */
    public synchronized void authorize(String forcedCommand, Path publicKey) throws IOException {
        String key = Files.readString(publicKey).strip();
        authorized.add("command=\"" + forcedCommand.replace("\\", "\\\\").replace("\"", "\\\"") + "\",restrict " + key);
        Files.writeString(dir.resolve("authorized_keys"), String.join("\n", authorized) + "\n");
    }

    /** Forgets all authorized keys. */
    public synchronized void clearAuthorized() throws IOException {
        authorized.clear();
        Files.writeString(dir.resolve("authorized_keys"), "");
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public Path clientKey() {
        return dir.resolve("client_ed25519");
    }

    public Path clientPublicKey() {
        return dir.resolve("client_ed25519.pub");
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** {@code [127.0.0.1]:PORT ssh-ed25519 AAAA...} for the given public key file. */
    public String knownHostsLine(Path publicKey) throws IOException {
        String[] parts = Files.readString(publicKey).strip().split("\\s+");
        return "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1];
    }

    /** Connect settings for this server: user = current user, the generated client key and known_hosts. */
    public SshConnectSettings settings() {
        return SshConnectSettings.of("127.0.0.1", System.getProperty("user.name"), port, clientKey(), knownHosts());
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@code ssh-keygen -t TYPE -N PASSPHRASE -f FILE}; overwrites. */
    public static void generateKey(Path file, String type, String passphrase) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".pub"));
        List<String> argv = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "jzrepl-test", "-f", file.toString()));
        if (type.equals("rsa")) {
            argv.addAll(List.of("-b", "3072"));
        }
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ssh-keygen failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }

    private static Boolean overlaySupported;

    /** Whether {@link #start(Path, Map)} can overlay /etc here (root, unshare, overlayfs). */
    public static synchronized boolean etcOverlaySupported() {
        if (overlaySupported == null) {
            boolean ok = false;
            try {
                Path d = Files.createTempDirectory("jzrepl-overlay-probe");
                Files.createDirectories(d.resolve("u"));
                Files.createDirectories(d.resolve("w"));
                Process p = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
                        "mount -t overlay overlay -o lowerdir=/etc,upperdir=" + d.resolve("u") + ",workdir=" + d.resolve("w") + " /etc")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                ok = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
                new ProcessBuilder("rm", "-rf", d.toString()).start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            overlaySupported = ok;
        }
        return overlaySupported;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops sshd and the session processes it forked (forced commands included). */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle c : children) {
            c.destroyForcibly();
        }
    }

    /** Runs sshd in the foreground for scripts: {@code TestSshd DIR} prints the port and waits for stdin EOF. */
    public static void main(String[] args) throws Exception {
        try (TestSshd sshd = start(Path.of(args[0]))) {
            System.out.println(sshd.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for EOF
            }
        }
    }
}
