package org.jzrepl.util.trace;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jzrepl.util.log.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Spans: named, nested stretches of work ({@code run}, {@code attempt}, {@code fs}, {@code step},
 * {@code zfs}) with a short random id each, so one step can be followed through concurrent log
 * output. The thread's open spans form a stack that the log's {@code span} field shows, outermost
 * first, as {@code name$id} frames joined by dots ({@code run$3f2a.attempt$9c1e.fs$12ab.step$77d0});
 * names are constants of the code ({@code [a-z][a-z0-9-]*}), never user text, and ids are
 * {@code [0-9a-zA-Z]{4}}, so the field needs no escaping. Begin and end are logged at debug, the
 * end with the duration.
 *
 * <pre>
 * try (Span s = Spans.begin("step", "from", from, "to", to)) {
 *     ...
 * }
 * </pre>
 *
 * <p>Work handed to another thread continues the stack there when it goes through a
 * {@link TaskContext} (the task runner does that for every task): a task started inside a span is
 * its child. The optional arguments (key, value pairs) go to the trace file only, JSON-escaped.
 *
 * <p>Cost with no trace file open: a node (a few small objects and a random id), the rendered
 * stack string, a set insertion for the active-task gauge, and an MDC update per begin and end.
 */
public final class Spans {
    private static final Logger LOG = LoggerFactory.getLogger(Spans.class);
    static final ThreadLocal<TraceNode> CURRENT = new ThreadLocal<>();
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private Spans() {
    }

    /** Begins a span on this thread's stack, a child of the current span or task; close it on this thread. */
    public static Span begin(String name, String... args) {
        TraceNode before = CURRENT.get();
        TraceNode n = new TraceNode(TraceNode.checkName(name), TraceNode.Kind.SPAN, before, args);
        String mdcBefore = MDC.get(LogContext.SPAN);
        CURRENT.set(n);
        MDC.put(LogContext.SPAN, n.stack);
        Tracer.began(n);
        if (LOG.isDebugEnabled()) {
            LOG.debug("begin {}", n.frame());
        }
        return new Span(n, Thread.currentThread(), before, mdcBefore);
    }

    /**
     * Begins a span that is on no thread's stack (log lines do not show it), a child of the current
     * span: for work one thread starts and another ends, such as a zfs process whose output another
     * thread reads. Any thread may close it.
     */
    public static Span detached(String name, String... args) {
        TraceNode n = new TraceNode(TraceNode.checkName(name), TraceNode.Kind.DETACHED, CURRENT.get(), args);
        Tracer.began(n);
        if (LOG.isDebugEnabled()) {
            LOG.debug("begin {} (detached)", n.frame());
        }
        return new Span(n, null, null, null);
    }

    /** The current thread's span stack as the log shows it, or null outside every span. */
    public static String stack() {
        TraceNode n = CURRENT.get();
        return n == null ? null : n.stack;
    }

    static void logEnd(TraceNode n) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("end {} after {} ms", n.frame(),
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - n.startNanos) / 1e6));
        }
    }

    static void outOfOrder(TraceNode n) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn("span {} ended while a span inside it was still open (reported once); the trace may show"
                    + " that span unfinished", n.frame(), new IllegalStateException("span ended out of order"));
        }
    }
}
