package org.jzrepl.util.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jzrepl.util.JsonText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Chrome trace-event file (what chrome://tracing and Perfetto load), in the JSON array form:
 * {@code [} one event per line, comma-separated, {@code ]}. Each task and span is one complete
 * event ({@code "ph":"X"}, {@code ts} and {@code dur} in microseconds) written when it ends; spans
 * of one thread nest on that thread's track ({@code tid}), a task or span whose parent ran on
 * another track is linked to it by a flow event pair ({@code s}, {@code f}), and every event's
 * {@code args} carry its {@code id}, its {@code parent}'s id and its span {@code stack}. Detached
 * spans (zfs processes started by one thread and ended by another) get tracks of their own,
 * reused once free. Metadata events name the process and each track.
 *
 * <pre>
 * [
 * {"name":"process_name","ph":"M","pid":4711,"tid":0,"args":{"name":"jzrepl daemon"}}
 * ,{"name":"step","cat":"span","ph":"X","ts":1714557600000000,"dur":1200,"pid":4711,"tid":31,"args":{...}}
 * ]
 * </pre>
 *
 * <p>Events are buffered and written whole (at most {@link #FLUSH_BYTES} or {@link #FLUSH_NANOS}
 * behind), so a file cut short by a crash ends after a complete event: both viewers accept the
 * array form without its closing bracket. The file never grows past its cap: the event that
 * would pass it closes the file instead (logged once). Thread-safe; writes happen on the thread
 * that ends a span, under this object's lock.
 */
final class ChromeTraceFile {
    private static final Logger LOG = LoggerFactory.getLogger(ChromeTraceFile.class);
    static final int FLUSH_BYTES = 64 * 1024;
    static final long FLUSH_NANOS = 250_000_000L;
    /** First tid of the tracks of detached spans: far above Java's thread ids. */
    static final long DETACHED_TRACKS = 1_000_000_000L;
    /** Longest argument value written, in characters (a destroy's argv can be long). */
    static final int MAX_ARG = 512;
    private static final byte[] CLOSING = "\n]\n".getBytes(StandardCharsets.UTF_8);

    private final String path;
    private final FileChannel out;
    private final long maxBytes;
    private final long pid = ProcessHandle.current().pid();
    private final StringBuilder pending = new StringBuilder();
    private final Set<Long> namedTracks = new HashSet<>();
    /** Per detached track: the end (microseconds) of the last span written on it. */
    private final List<Long> detachedBusyUntil = new ArrayList<>();
    private long written;
    private long pendingBytes;
    private long events;
    private long lastFlush = System.nanoTime();
    private boolean closed;
    private boolean capped;

    ChromeTraceFile(String path, FileChannel out, long maxBytes) throws IOException {
        this.path = path;
        this.out = out;
        this.maxBytes = maxBytes;
        StringBuilder b = new StringBuilder("[\n{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":").append(pid)
                .append(",\"tid\":0,\"args\":{\"name\":\"jzrepl daemon\"}}");
        append(b);
        flush();
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized TraceSummary summary() {
        return new TraceSummary(path, written + pendingBytes + (closed ? 0 : CLOSING.length), events, capped);
    }

    /** Writes {@code n}, which ended (or, if {@code unfinished}, is still open) at {@code endNanos}. */
    synchronized void complete(TraceNode n, long endNanos, boolean unfinished) {
        if (closed || (unfinished && n.ended())) {
            return;
        }
        long ts = Tracer.micros(n.startNanos);
        long dur = Math.max(0, Tracer.micros(endNanos) - ts);
        long tid = n.kind == TraceNode.Kind.DETACHED ? detachedTrack(ts, ts + dur) : n.tid;
        StringBuilder b = new StringBuilder(256);
        if (namedTracks.add(tid)) {
            String name = n.kind == TraceNode.Kind.DETACHED ? "zfs processes " + (tid - DETACHED_TRACKS + 1)
                    : baseName(n.threadName);
            b.append("\n,{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":").append(pid).append(",\"tid\":").append(tid)
                    .append(",\"args\":{\"name\":");
            JsonText.quote(b, name);
            b.append("}}");
        }
        if (n.parentTid >= 0 && n.parentTid != tid) {
            flow(b, "s", n.seq, ts, n.parentTid);
            flow(b, "f", n.seq, ts, tid);
        }
        b.append("\n,{\"name\":");
        JsonText.quote(b, n.name);
        b.append(",\"cat\":\"").append(n.kind == TraceNode.Kind.TASK ? "task" : "span").append("\",\"ph\":\"X\",\"ts\":")
                .append(ts).append(",\"dur\":").append(dur).append(",\"pid\":").append(pid).append(",\"tid\":")
                .append(tid).append(",\"args\":{\"id\":\"").append(n.id).append('"');
        if (n.parentId != null) {
            b.append(",\"parent\":\"").append(n.parentId).append('"');
        }
        if (n.stack != null) {
            b.append(",\"stack\":\"").append(n.stack).append('"');
        }
        for (int i = 0; i + 1 < n.args.length; i += 2) {
            b.append(',');
            JsonText.quote(b, n.args[i]);
            b.append(':');
            String v = String.valueOf(n.args[i + 1]);
            JsonText.quote(b, v.length() > MAX_ARG ? v.substring(0, MAX_ARG) + "...(cut)" : v);
        }
        if (unfinished) {
            b.append(",\"unfinished\":true");
        }
        b.append("}}");
        append(b);
    }

    private void flow(StringBuilder b, String ph, long id, long ts, long tid) {
        b.append("\n,{\"name\":\"child\",\"cat\":\"flow\",\"ph\":\"").append(ph).append('"')
                .append("f".equals(ph) ? ",\"bp\":\"e\"" : "").append(",\"id\":").append(id).append(",\"ts\":")
                .append(ts).append(",\"pid\":").append(pid).append(",\"tid\":").append(tid).append('}');
    }

    /** The lowest detached track free from {@code start} on, which is then busy until {@code end}. */
    private long detachedTrack(long start, long end) {
        int i = 0;
        while (i < detachedBusyUntil.size() && detachedBusyUntil.get(i) > start) {
            i++;
        }
        if (i == detachedBusyUntil.size()) {
            detachedBusyUntil.add(end);
        } else {
            detachedBusyUntil.set(i, end);
        }
        return DETACHED_TRACKS + i;
    }

    /** A worker's name without the task name it carries while running one. */
    private static String baseName(String thread) {
        int sp = thread.indexOf(' ');
        return sp < 0 ? thread : thread.substring(0, sp);
    }

    private void append(CharSequence event) {
        byte[] bytes = event.toString().getBytes(StandardCharsets.UTF_8);
        if (written + pendingBytes + bytes.length + CLOSING.length > maxBytes) {
            capped = true;
            LOG.warn("trace file {} reached its size cap of {} bytes: closed it; later tasks and spans are not"
                    + " recorded", path, maxBytes);
            close();
            return;
        }
        pending.append(event);
        pendingBytes += bytes.length;
        events++;
        if (pendingBytes >= FLUSH_BYTES || System.nanoTime() - lastFlush >= FLUSH_NANOS) {
            flush();
        }
    }

    private void flush() {
        if (pending.length() == 0) {
            return;
        }
        try {
            write(pending.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("trace file {}: write failed, tracing stopped: {}", path, e.toString());
            closed = true;
            closeChannel();
        }
        pending.setLength(0);
        pendingBytes = 0;
        lastFlush = System.nanoTime();
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        written += bytes.length;
    }

    /** Writes what is buffered and the closing bracket: the file is valid JSON. Idempotent. */
    synchronized void close() {
        if (closed) {
            return;
        }
        flush();
        if (closed) {
            return;         // the flush failed
        }
        closed = true;
        try {
            write(CLOSING);
            out.force(false);
        } catch (IOException e) {
            LOG.warn("trace file {}: closing failed: {}", path, e.toString());
        }
        closeChannel();
    }

    private void closeChannel() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.debug("trace file {}: close: {}", path, e.toString());
        }
    }
}
