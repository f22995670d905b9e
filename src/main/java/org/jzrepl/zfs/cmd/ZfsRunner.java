package org.jzrepl.zfs.cmd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jzrepl.util.trace.Span;
import org.jzrepl.util.trace.Spans;
import org.jzrepl.zfs.KillSwitch;
import org.jzrepl.zfs.ZfsException;

/**
 * Runs the zfs binary it was given (never one found by name): builds the argv, starts the process
 * with {@code LC_ALL=C} so messages are parsable, bounds stderr, meters every command into a
 * {@link ZfsMeter} and maps failures through {@link ZfsErrorParser}. Thread-safe and stateless
 * per call; every call is its own process.
 */
public final class ZfsRunner {

    /** How long a non-streaming command may run before it is killed. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    /**
     * Stdout kept of a listing of whole trees or pools ({@code zfs list -r}): about a million
     * snapshots at ~200 bytes a line. More fails the command rather than fill the heap.
     */
    static final int TREE_LISTING_LIMIT = 256 * 1024 * 1024;
    /** Stdout kept of a listing of one dataset and its own versions: some 300,000 versions. */
    static final int DATASET_LISTING_LIMIT = 64 * 1024 * 1024;
    /** Stdout kept of every other command: a few lines (holds, properties, a size estimate) or none. */
    static final int SMALL_OUTPUT_LIMIT = 1024 * 1024;

    private final Path binary;
    private final ZfsMeter meter;
    private final Duration timeout;

    public ZfsRunner(Path binary, ZfsMeter meter, Duration timeout) {
        this.binary = Objects.requireNonNull(binary, "binary");
        this.meter = Objects.requireNonNull(meter, "meter");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    public ZfsRunner(Path binary, ZfsMeter meter) {
        this(binary, meter, DEFAULT_TIMEOUT);
    }

    public Path binary() {
        return binary;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Runs {@code zfs ARGS} with empty stdin and returns its stdout, expected to be small. */
    public String run(List<String> args) throws ZfsException {
        return run(args, SMALL_OUTPUT_LIMIT);
    }

    /** As {@link #run(List)}, failing when stdout is longer than {@code stdoutLimit} bytes. */
    public String run(List<String> args, int stdoutLimit) throws ZfsException {
        Outcome o = runCapturing(args, stdoutLimit);
        if (o.error().isPresent()) {
            throw o.error().get();
        }
        return o.stdout();
    }

    /**
     * Runs {@code zfs ARGS} with empty stdin and returns its stdout together with the typed error
     * when it failed: for commands that print useful output before failing ({@code list} of several
     * datasets, some missing).
     */
    public Outcome runCapturing(List<String> args) throws ZfsException {
        return runCapturing(args, SMALL_OUTPUT_LIMIT);
    }

    /** As {@link #runCapturing(List)}, failing when stdout is longer than {@code stdoutLimit} bytes. */
    public Outcome runCapturing(List<String> args, int stdoutLimit) throws ZfsException {
        try (Span s = Spans.begin("zfs", "argv", String.join(" ", args))) {
            return capture(args, stdoutLimit);
        }
    }

    private Outcome capture(List<String> args, int stdoutLimit) throws ZfsException {
        RunningCommand cmd = start(args, null);
        closeQuietly(cmd);
        BoundedCapture out = new BoundedCapture(cmd.stdout(), stdoutLimit, "zfs-" + cmd.verb() + "-stdout");
        ZfsException error = null;
        try {
            cmd.await(timeout);
        } catch (ZfsException e) {
            error = e;
        }
        if (error != null && cmd.killed()) {
            // Killed (a tripped KillSwitch): what it printed does not matter, and its stdout may stay
            // open in a child it left behind (an ssh multiplexing master, say): do not wait for EOF.
            try {
                cmd.stdout().close();
            } catch (IOException e) {
                // the capture thread ends either way
            }
            throw error;
        }
        String text = out.text(timeout.toMillis());
        if (out.truncated()) {
            throw new ZfsException(args, 0, "output longer than " + stdoutLimit + " bytes");
        }
        return new Outcome(text, Optional.ofNullable(error));
    }

    /** A command's stdout and, when it failed, its typed error. */
    public record Outcome(String stdout, Optional<ZfsException> error) {
    }

    /**
     * Starts {@code zfs ARGS}; the caller feeds stdin / reads stdout and must call {@code await}.
     * The command is a detached span {@code zfs} (it may end on another thread) until awaited.
     * Under a {@link KillSwitch} (the current thread's) the process is registered with it until it
     * has ended; once the switch has tripped, nothing is started.
     */
    public RunningCommand start(List<String> args) throws ZfsException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("no zfs subcommand");
        }
        return start(args, Spans.detached("zfs", "argv", String.join(" ", args)));
    }

    /**
     * Starts {@code zfs ARGS} for a caller that awaits it on this thread inside a span {@code zfs}
     * of its own ({@code ZfsCli.recv}).
     */
    RunningCommand startInSpan(List<String> args) throws ZfsException {
        return start(args, null);
    }

    /** Starts the command; {@code span} (null: none) ends when the command is awaited or fails to start. */
    private RunningCommand start(List<String> args, Span span) throws ZfsException {
        if (args.isEmpty()) {
            if (span != null) {
                span.close();
            }
            throw new IllegalArgumentException("no zfs subcommand");
        }
        Optional<KillSwitch> kill = KillSwitch.current();
        Optional<String> tripped = kill.flatMap(KillSwitch::tripped);
        if (tripped.isPresent()) {
            if (span != null) {
                span.close();
            }
            throw new ZfsException(args, -1, "not started: " + kill.get().name() + " is being aborted ("
                    + tripped.get() + ")");
        }
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(binary.toString());
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("LC_ALL", "C");
        long t0 = System.nanoTime();
        try {
            RunningCommand cmd = new RunningCommand(args, pb.start(), meter, t0, span);
            kill.ifPresent(k -> cmd.registered(k.register(cmd::kill)));
            return cmd;
        } catch (IOException e) {
            meter.record(args.get(0), Duration.ofNanos(System.nanoTime() - t0), -1);
            if (span != null) {
                span.close();
            }
            throw new ZfsException(args, -1, "cannot run " + binary + ": " + e.getMessage(), e);
        }
    }

    /** Total bytes {@code args} take on a command line, to keep batches under the OS limit. */
    static int argvBytes(List<String> args) {
        int n = 0;
        for (String a : args) {
            n += a.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return n;
    }

    private static void closeQuietly(RunningCommand cmd) {
        try {
            cmd.stdin().close();
        } catch (IOException e) {
            // nothing to flush; the process may already be gone
        }
    }
}
