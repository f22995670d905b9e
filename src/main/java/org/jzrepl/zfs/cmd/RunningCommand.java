package org.jzrepl.zfs.cmd;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jzrepl.util.LogText;
import org.jzrepl.util.trace.Span;
import org.jzrepl.zfs.KillSwitch;
import org.jzrepl.zfs.ZfsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One started zfs process: its stdin and stdout for the caller, its stderr drained into a
 * bounded buffer. {@link #await} ends it exactly once: it meters the command and turns a
 * failure into a typed {@link ZfsException}. Stdin/stdout belong to one thread each;
 * {@link #kill} may come from any thread.
 */
public final class RunningCommand {

    private static final Logger LOG = LoggerFactory.getLogger(RunningCommand.class);
    static final int STDERR_LIMIT = 64 * 1024;
    private static final long DRAIN_MILLIS = 5_000;
    private static final long KILLED_DRAIN_MILLIS = 200;

    private final List<String> args;
    private final Process process;
    private final ZfsMeter meter;
    private final BoundedCapture stderr;
    private final long startNanos;
    /** The command's detached span, ended when it is awaited; null when the caller's own span covers it. */
    private final Span span;
    private ZfsException failure;
    private boolean ended;
    private volatile boolean killed;
    private volatile KillSwitch.Registration registration;

    RunningCommand(List<String> args, Process process, ZfsMeter meter, long startNanos, Span span) {
        this.span = span;
        this.args = List.copyOf(args);
        this.process = process;
        this.meter = meter;
        this.startNanos = startNanos;
        this.stderr = new BoundedCapture(process.getErrorStream(), STDERR_LIMIT, "zfs-" + verb() + "-stderr");
    }

    public String verb() {
        return args.get(0);
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    public InputStream stdout() {
        return process.getInputStream();
    }

    /**
     * Waits up to {@code timeout} for the process to exit (killing it after that), meters it once
     * and throws the typed error if it failed. Later calls repeat the first outcome.
     */
    public synchronized void await(Duration timeout) throws ZfsException {
        if (!ended) {
            ended = true;
            try {
                failure = end(timeout);
            } finally {
                if (span != null) {
                    span.close();
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private ZfsException end(Duration timeout) {
        boolean exited;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            process.destroyForcibly();
        }
        KillSwitch.Registration r = registration;
        if (r != null) {
            r.ended();
        }
        int exit = exited && !killed ? process.exitValue() : -1;
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        meter.record(verb(), took, exit);
        if (LOG.isDebugEnabled()) {
            LOG.debug("zfs {}: exit {} after {} ms", LogText.escape(String.join(" ", args)), exit, took.toMillis());
        }
        // a killed command's stderr may stay open in a child it left (an ssh multiplexing master)
        String err = stderr.text(killed ? KILLED_DRAIN_MILLIS : DRAIN_MILLIS);
        if (killed) {
            return new ZfsException(args, -1, "killed" + (err.isBlank() ? "" : "; stderr: " + err.strip()));
        }
        if (!exited) {
            return new ZfsException(args, -1, "timed out after " + timeout.toSeconds() + " s and was killed"
                    + (err.isBlank() ? "" : "; stderr: " + err.strip()));
        }
        return exit == 0 ? null : ZfsErrorParser.parse(args, exit, err);
    }

    /** Its registration with the {@link KillSwitch} it was started under, ended with it. */
    void registered(KillSwitch.Registration r) {
        registration = r;
    }

    /** Kills the process if it still runs (a reader that gives up early, or a tripped {@link KillSwitch}). */
    public void kill() {
        killed = true;
        process.destroyForcibly();
    }

    /** Whether {@link #kill} was called. */
    public boolean killed() {
        return killed;
    }

    public boolean isAlive() {
        return process.isAlive();
    }
}
