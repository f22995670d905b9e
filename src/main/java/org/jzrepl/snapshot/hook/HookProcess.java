package org.jzrepl.snapshot.hook;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command hook process under a deadline. The process starts through {@code setsid} in a
 * session and process group of its own (a JVM child is never a group leader, so setsid execs the
 * hook in place: its pid is the group id), stdin from {@code /dev/null}, the daemon's environment
 * plus {@code env}. When the deadline passes, the whole group is killed with SIGKILL: the hook and
 * every child it started, also one that outlived the hook while holding its output open. Only a
 * child that left the group on purpose (setsid, daemonizing) escapes, as from any supervisor.
 */
final class HookProcess {
    /** How long to wait for the streams to close and the process to be reaped after the kill. */
    static final Duration AFTER_KILL = Duration.ofSeconds(5);

    /**
     * How a run ended: an exit code, or killed at the deadline ({@code lingering}: the hook had
     * exited but its children kept its output open).
     */
    record Result(int exitCode, boolean timedOut, boolean lingering) {
    }

    /** How often a hook's process group is checked for members left behind after the hook exited. */
    static final Duration GROUP_POLL = Duration.ofMillis(100);

    private HookProcess() {
    }

    static Result run(Path executable, Map<String, String> env, Duration timeout, HookOutput output)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ProcessBuilder pb = new ProcessBuilder(List.of("setsid", executable.toString()));
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        Thread out = drainer(p, output, false);
        Thread err = drainer(p, output, true);
        try {
            if (!p.waitFor(remaining(deadline), TimeUnit.NANOSECONDS)) {
                killGroup(p);
                joinAll(AFTER_KILL.toNanos(), out, err);
                return new Result(exit(p), true, false);
            }
            // the JDK may end the output streams when the hook exits even while its children
            // still hold the pipes, so ask the process group itself whether anyone is left
            if (!groupEmptyBy(p.pid(), deadline) || !joinAll(remaining(deadline), out, err)) {
                killGroup(p);
                joinAll(AFTER_KILL.toNanos(), out, err);
                return new Result(p.exitValue(), true, true);
            }
            return new Result(p.exitValue(), false, false);
        } catch (InterruptedException e) {
            killGroup(p);
            throw e;
        }
    }

    private static Thread drainer(Process p, HookOutput output, boolean stderr) {
        Thread t = new Thread(() -> output.drain(stderr ? p.getErrorStream() : p.getInputStream(), stderr),
                "hook-" + p.pid() + (stderr ? "-stderr" : "-stdout"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Kills the process group {@code p.pid()}; as a fallback also the descendants Java can see. */
    static void killGroup(Process p) {
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -KILL -$0 2>/dev/null", Long.toString(p.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            // fall through to the per-process kill below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** Whether process group {@code pgid} has no member left by {@code deadline} (polled). */
    private static boolean groupEmptyBy(long pgid, long deadline) throws InterruptedException, IOException {
        while (true) {
            Process probe = new ProcessBuilder("/bin/sh", "-c", "kill -0 -$0 2>/dev/null", Long.toString(pgid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (probe.waitFor() != 0) {
                return true;
            }
            if (remaining(deadline) == 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(remaining(deadline), GROUP_POLL.toNanos()));
        }
    }

    private static int exit(Process p) throws InterruptedException {
        return p.waitFor(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS) ? p.exitValue() : -1;
    }

    /** Joins the threads within {@code nanos} in all; whether all ended. */
    private static boolean joinAll(long nanos, Thread... threads) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        for (Thread t : threads) {
            long left = remaining(deadline);
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
