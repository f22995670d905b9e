package org.jzrepl.util.trace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Starts and stops the one Chrome trace file of the process ({@code JZREPL_TRACE_FILE}, or
 * {@code jzrepl trace start} on a running daemon), and counts what is open now.
 *
 * <p>The file is created new with mode 0600 (an existing file is refused unless {@code force},
 * which replaces a regular file, never a symlink or anything else), at an absolute path whose
 * directory exists. Thread-safe.
 */
public final class Tracing {
    /** The environment variable the daemon reads at start. */
    public static final String ENV_FILE = "JZREPL_TRACE_FILE";
    /** The environment variable with the size cap of that file (a byte count, default {@link #DEFAULT_MAX_BYTES}). */
    public static final String ENV_MAX_BYTES = "JZREPL_TRACE_MAX_BYTES";
    /** The default size cap of a trace file: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    /** The smallest cap accepted. */
    public static final long MIN_MAX_BYTES = 4096;
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");

    private Tracing() {
    }

    /**
     * Starts writing the trace to {@code file}.
     *
     * @throws IllegalArgumentException the path is not absolute, has no file name, or the cap is below {@link #MIN_MAX_BYTES}
     * @throws IllegalStateException    a trace is being written already (the message names its file)
     * @throws IOException              the file exists (without {@code force}) or cannot be created
     */
    public static synchronized TraceSummary start(Path file, boolean force, long maxBytes) throws IOException {
        if (!file.isAbsolute() || file.getFileName() == null) {
            throw new IllegalArgumentException("the trace file must be an absolute path to a file: " + file);
        }
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("the trace file's size cap must be at least " + MIN_MAX_BYTES
                    + " bytes: " + maxBytes);
        }
        ChromeTraceFile running = Tracer.sink();
        if (running != null && !running.closed()) {
            throw new IllegalStateException("a trace is being written already, to " + running.summary().path()
                    + "; stop it first");
        }
        Path f = file.normalize();
        Path dir = f.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("the trace file's directory does not exist: " + dir);
        }
        if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            if (!force) {
                throw new FileAlreadyExistsException(f.toString(), null,
                        "exists; jzrepl does not overwrite it unless forced");
            }
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(f + " exists and is not a regular file; not replaced");
            }
            Files.delete(f);
        }
        FileChannel ch = FileChannel.open(f, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(OWNER_RW));
        ChromeTraceFile t;
        try {
            Files.setPosixFilePermissions(f, OWNER_RW);
            t = new ChromeTraceFile(f.toString(), ch, maxBytes);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        Tracer.install(t);
        return t.summary();
    }

    /** Stops the trace (open tasks and spans are written as unfinished) and closes its file; empty if none ran. */
    public static synchronized Optional<TraceSummary> stop() {
        ChromeTraceFile t = Tracer.sink();
        if (t == null) {
            return Optional.empty();
        }
        Tracer.uninstall(t);
        t.close();
        return Optional.of(t.summary());
    }

    /** The trace being written, if any (a file closed at its cap is reported until stopped). */
    public static Optional<TraceSummary> current() {
        ChromeTraceFile t = Tracer.sink();
        return t == null ? Optional.empty() : Optional.of(t.summary());
    }

    /** Tasks and spans open now: zrepl's {@code zrepl_trace_active_tasks}. */
    public static int activeTasks() {
        return Tracer.activeCount();
    }
}
