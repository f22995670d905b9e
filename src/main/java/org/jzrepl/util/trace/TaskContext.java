package org.jzrepl.util.trace;

import java.util.Map;
import org.jzrepl.util.log.LogContext;
import org.slf4j.MDC;

/**
 * The log context (slf4j's MDC: job, subsystem, span, filesystem) and the current span of the
 * thread that submits work, captured at submission and installed on the thread that runs it, for
 * the length of the run only. Pool threads are reused, so what a thread inherited when it was
 * created says nothing about the task it runs now: capture at submit, never inherit.
 *
 * <p>{@link #run} makes the work a task: a trace node named after it, a child of the captured span
 * (or a root), that the log does not show as a frame (tasks are threads of work, spans what they do)
 * and the trace file shows on the running thread's track.
 */
public final class TaskContext {
    private final Map<String, String> mdc;
    private final TraceNode parent;

    private TaskContext(Map<String, String> mdc, TraceNode parent) {
        this.mdc = mdc;
        this.parent = parent;
    }

    /** The calling thread's context now. */
    public static TaskContext capture() {
        return new TaskContext(MDC.getCopyOfContextMap(), Spans.CURRENT.get());
    }

    /** {@code body}, to run as {@link #run} would. */
    public Runnable wrap(String taskName, Runnable body) {
        return () -> run(taskName, body);
    }

    /** Runs {@code body} on this thread as task {@code taskName} in the captured context, then restores this thread's. */
    public void run(String taskName, Runnable body) {
        Map<String, String> mdcBefore = MDC.getCopyOfContextMap();
        TraceNode before = Spans.CURRENT.get();
        setMdc(mdc);
        TraceNode task = new TraceNode(taskName, TraceNode.Kind.TASK, parent, new String[0]);
        Spans.CURRENT.set(task);
        if (task.stack == null) {
            MDC.remove(LogContext.SPAN);
        } else {
            MDC.put(LogContext.SPAN, task.stack);
        }
        Tracer.began(task);
        try {
            body.run();
        } finally {
            Tracer.ended(task);
            if (before == null) {
                Spans.CURRENT.remove();
            } else {
                Spans.CURRENT.set(before);
            }
            setMdc(mdcBefore);
        }
    }

    private static void setMdc(Map<String, String> m) {
        if (m == null || m.isEmpty()) {
            MDC.clear();
        } else {
            MDC.setContextMap(m);
        }
    }
}
