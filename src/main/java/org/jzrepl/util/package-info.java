/**
 * Small helpers every layer may use; this package depends on no other jzrepl package.
 *
 * <p>{@link org.jzrepl.util.LogText}: makes text from a peer or printed by zfs safe for one log
 * line. Stateless, thread-safe. {@link org.jzrepl.util.JsonText}: JSON string escaping for the
 * hand-written JSON of the log and the trace file. {@code util.trace}: tasks, spans and the Chrome
 * trace file (see its package-info). {@code util.log}: jzrepl's slf4j binding, the log's context
 * fields, outlets and formats (see its package-info).
 */
package org.jzrepl.util;
