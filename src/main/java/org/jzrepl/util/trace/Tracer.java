package org.jzrepl.util.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide state of tracing: the nodes open now (the {@code zrepl_trace_active_tasks}
 * gauge, and what a stopped trace file records as unfinished) and the trace file being written,
 * if any. Kept for the whole process like the log's outlets; thread-safe.
 */
final class Tracer {
    private static final Set<TraceNode> ACTIVE = ConcurrentHashMap.newKeySet();
    /** Wall-clock microseconds and {@link System#nanoTime()} read together: the trace's time base. */
    private static final long EPOCH_MICROS0;
    private static final long NANOS0;
    private static volatile ChromeTraceFile sink;

    static {
        Instant now = Instant.now();
        NANOS0 = System.nanoTime();
        EPOCH_MICROS0 = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private Tracer() {
    }

    static void began(TraceNode n) {
        ACTIVE.add(n);
    }

    /** Ends {@code n} (once) and writes it to the trace file, if one is open. */
    static void ended(TraceNode n) {
        if (!n.end()) {
            return;
        }
        long end = System.nanoTime();
        ACTIVE.remove(n);
        ChromeTraceFile f = sink;
        if (f != null) {
            f.complete(n, end, false);
        }
    }

    static int activeCount() {
        return ACTIVE.size();
    }

    /** Microseconds since the epoch of a {@link System#nanoTime()} reading. */
    static long micros(long nanos) {
        return EPOCH_MICROS0 + (nanos - NANOS0) / 1_000;
    }

    static synchronized ChromeTraceFile sink() {
        return sink;
    }

    /** Makes {@code f} the trace file, unless one is open already (then returns that one). */
    static synchronized ChromeTraceFile install(ChromeTraceFile f) {
        if (sink != null && !sink.closed()) {
            return sink;
        }
        sink = f;
        return f;
    }

    /** Stops writing to {@code f} (if it is the trace file): the open nodes are written unfinished. */
    static void uninstall(ChromeTraceFile f) {
        synchronized (Tracer.class) {
            if (sink == f) {
                sink = null;
            }
        }
        List<TraceNode> open = new ArrayList<>(ACTIVE);
        open.sort((a, b) -> Long.compare(a.seq, b.seq));
        long now = System.nanoTime();
        for (TraceNode n : open) {
            f.complete(n, now, true);
        }
    }
}
