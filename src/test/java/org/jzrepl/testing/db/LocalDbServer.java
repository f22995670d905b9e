package org.jzrepl.testing.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway database server for one test class, as a JUnit extension on a static field: before
 * the class it creates a data directory under {@code /tmp}, initializes it and starts the server
 * on 127.0.0.1, a free port and a socket in that directory (never the system's instance); after
 * the class it stops the server and deletes the directory. Run as root, the server runs as the
 * distribution's service user (the servers refuse root). Without the server binaries the class
 * is skipped with the reason, unless {@code CI} is set: then it fails.
 */
public abstract class LocalDbServer implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private Path dir;
    private int port;
    private Process server;

    /** e.g. {@code PostgreSQL}, for messages. */
    protected abstract String name();

    /** Why the binaries cannot be used (with how to install them), or null when they can. */
    protected abstract String missing();

    /** The user the server runs as when the tests run as root. */
    protected abstract String serviceUser();

    /** Creates the data files in {@link #dir()}; runs before the server starts. */
    protected abstract void initialize() throws Exception;

    /** The server's command line, in the foreground, logging to stderr or a file. */
    protected abstract List<String> serverCommand();

    /** A connection as the server's administrator, over TCP. */
    public abstract Connection admin() throws SQLException;

    /** Stops the server started by {@link #serverCommand()} cleanly; the caller waits and kills if needed. */
    protected abstract void requestStop(Process server) throws Exception;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String why = missing();
        if (why == null) {
            return ConditionEvaluationResult.enabled(name() + " binaries found");
        }
        if (underCi()) {
            return ConditionEvaluationResult.enabled(name() + " binaries missing but CI is set: fail loudly");
        }
        return ConditionEvaluationResult.disabled(why + "; skipping the " + name() + " tests (set CI=true to make"
                + " this a failure)");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String why = missing();
        if (why != null) {
            throw new IllegalStateException(why + ", but CI is set: the " + name() + " tests must run in CI");
        }
        dir = Files.createTempDirectory(Path.of("/tmp"), "jzrepl-" + name().toLowerCase() + "-");
        if (isRoot()) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName(serviceUser()));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        port = freePort();
        initialize();
        server = new ProcessBuilder(asServiceUser(serverCommand())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.out").toFile()).start();
        awaitReady();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (server != null && server.isAlive()) {
                requestStop(server);
                if (!server.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    server.descendants().forEach(ProcessHandle::destroyForcibly);
                    server.destroyForcibly();
                    server.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException(name() + " exited with " + server.exitValue() + " at start: " + logTail());
            }
            try (Connection c = admin()) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name() + " not ready after " + START_TIMEOUT + " (" + last + "): " + logTail());
    }

    /** The last lines the server and its tools wrote, for failures. */
    public String logTail() {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".out") || p.toString().endsWith(".log")).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                sb.append("\n--- ").append(f.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            }
        } catch (IOException e) {
            sb.append("(cannot read logs: ").append(e).append(')');
        }
        return sb.toString();
    }

    /** Runs a setup tool as the service user; fails with its output when it exits non-zero. */
    protected void runTool(List<String> command, String logName) throws Exception {
        Path log = dir.resolve(logName);
        Process p = new ProcessBuilder(asServiceUser(command)).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " timed out: " + logTail());
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " exited with " + p.exitValue() + ": " + logTail());
        }
    }

    /** Writes a file in {@link #dir()} readable by the service user only. */
    protected Path privateFile(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        if (isRoot()) {
            Files.setOwner(f, f.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(serviceUser()));
        }
        return f;
    }

    private List<String> asServiceUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + serviceUser(), "--regid=" + serviceUser(),
                "--init-groups", "--"));
        argv.addAll(command);
        return argv;
    }

    /** Sends a signal (e.g. {@code STOP}, {@code CONT}, {@code INT}) to a server process. */
    public static void signal(long pid, String signal) throws Exception {
        Process p = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("kill -s " + signal + " " + pid + " failed: " + out);
        }
    }

    public Path dir() {
        return dir;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    protected static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    static boolean underCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The first executable among {@code candidates}, or null. */
    static Path firstExecutable(Stream<Path> candidates) {
        return candidates.filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** {@code name} in a directory of {@code PATH}, or null. */
    static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        return firstExecutable(Stream.of(path.split(":")).filter(s -> !s.isEmpty()).map(d -> Path.of(d, name)));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
