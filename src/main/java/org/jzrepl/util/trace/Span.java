package org.jzrepl.util.trace;

import org.jzrepl.util.log.LogContext;
import org.slf4j.MDC;

/**
 * An open span ({@link Spans#begin}, {@link Spans#detached}); {@link #close()} ends it. A span
 * begun with {@code begin} is on its thread's stack and must be closed by that thread, innermost
 * first (try-with-resources); a detached one may be closed by any thread. Closing twice is a no-op.
 */
public final class Span implements AutoCloseable {
    private final TraceNode node;
    /** For a span on its thread's stack: the thread, what was current before, and the log field before. */
    private final Thread owner;
    private final TraceNode before;
    private final String mdcBefore;

    Span(TraceNode node, Thread owner, TraceNode before, String mdcBefore) {
        this.node = node;
        this.owner = owner;
        this.before = before;
        this.mdcBefore = mdcBefore;
    }

    /** The span's short random id, e.g. {@code 9c1e}. */
    public String id() {
        return node.id;
    }

    /** The span stack as the log's {@code span} field shows it, ending with this span's frame. */
    public String stack() {
        return node.stack;
    }

    /**
     * Ends the span; if it is on this thread's stack, makes what was current before it current again
     * (spans left open inside it are dropped from the stack, and reported once).
     */
    @Override
    public void close() {
        if (node.ended()) {
            return;
        }
        Spans.logEnd(node);
        TraceNode current = owner == Thread.currentThread() ? Spans.CURRENT.get() : null;
        if (current != null && current.within(node)) {     // on this thread's stack: unwind to before it
            if (current != node) {
                Spans.outOfOrder(node);
            }
            if (before == null) {
                Spans.CURRENT.remove();
            } else {
                Spans.CURRENT.set(before);
            }
            if (mdcBefore == null) {
                MDC.remove(LogContext.SPAN);
            } else {
                MDC.put(LogContext.SPAN, mdcBefore);
            }
        }
        Tracer.ended(node);
    }

    @Override
    public String toString() {
        return node.frame();
    }
}
