/**
 * Tasks and spans (zrepl's {@code daemon/logging/trace}): {@link org.jzrepl.util.trace.Spans}
 * nest named stretches of work on a thread and render the stack into the log's {@code span}
 * field; {@link org.jzrepl.util.trace.TaskContext} carries the log context and the current span
 * from the thread that submits work to the one that runs it (the task runner uses it for every
 * task); {@link org.jzrepl.util.trace.Tracing} writes a Chrome trace-event file of the tasks and
 * spans that end while it runs, and counts the open ones.
 *
 * <p><b>Threading.</b> A span begun with {@code begin} belongs to its thread; detached spans and
 * tasks may end anywhere. All state but the per-thread current node is process-wide and
 * thread-safe; the trace file is written by the thread that ends a span, under the file's lock.
 *
 * <p><b>Dependencies.</b> slf4j and {@code util} (the log's MDC keys, JSON escaping): every layer may use it.
 */
package org.jzrepl.util.trace;
