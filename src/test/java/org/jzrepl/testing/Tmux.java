package org.jzrepl.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal for tests: a tmux server of its own (a private socket under a temp dir, so no
 * other tmux is touched) with one detached session of a fixed size running a shell command.
 * {@link #keys} and {@link #literal} type into it, {@link #screen} reads what is on it now
 * ({@code capture-pane}), {@link #await} polls until the screen shows something. Closing kills
 * the server.
 */
public final class Tmux implements AutoCloseable {
    private static final String SESSION = "t";
    private final Path socket;

    private Tmux(Path socket) {
        this.socket = socket;
    }

    /** Starts {@code command} (a {@code sh -c} line) in a {@code cols} x {@code rows} session. */
    public static Tmux start(Path dir, int cols, int rows, String command) throws IOException {
        Tmux t = new Tmux(dir.resolve("tmux.sock"));
        t.run("new-session", "-d", "-s", SESSION, "-x", Integer.toString(cols), "-y", Integer.toString(rows),
                command);
        t.run("set-option", "-s", "escape-time", "0");
        return t;
    }

    /** Sends tmux key names, e.g. {@code Enter}, {@code Escape}, {@code Tab}, {@code q}. */
    public void keys(String... names) throws IOException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", SESSION));
        args.addAll(List.of(names));
        run(args.toArray(String[]::new));
    }

    /** Types {@code text} character by character. */
    public void literal(String text) throws IOException {
        run("send-keys", "-t", SESSION, "-l", text);
    }

    /** The visible screen, one string with a newline per row. */
    public String screen() throws IOException {
        return run("capture-pane", "-p", "-t", SESSION);
    }

    /** Polls the screen until {@code test} holds; fails with the last screen after {@code timeout}. */
    public String await(String what, Duration timeout, Predicate<String> test) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String s = screen();
        while (!test.test(s)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal did not show " + what + " within " + timeout + ":\n" + s);
            }
            Thread.sleep(200);
            s = screen();
        }
        return s;
    }

    private String run(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("tmux " + args[0] + " hung");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("tmux " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            run("kill-server");
        } catch (IOException e) {
            // already gone: the session's command ended and took the server with it
        }
    }
}
