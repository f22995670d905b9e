/**
 * jzrepl's log: an slf4j binding ({@link org.jzrepl.util.log.JzreplServiceProvider}) whose
 * entries carry the thread's {@link org.jzrepl.util.log.LogContext} (job, subsystem, span,
 * filesystem) and go to zrepl's outlets: {@link org.jzrepl.util.log.StreamOutlet} (stdout),
 * syslog ({@link org.jzrepl.util.log.SyslogSink}) and tcp ({@link org.jzrepl.util.log.TcpSink},
 * optionally TLS), the last two behind a {@link org.jzrepl.util.log.QueuedOutlet}, in the
 * {@link org.jzrepl.util.log.LogFormat}s human, logfmt and json.
 *
 * <p><b>Threading.</b> Loggers are called from any thread; stream outlets write on the caller's
 * thread (one line at a time), network outlets on a thread of their own each.
 *
 * <p><b>Ownership.</b> {@link org.jzrepl.util.log.Logging} owns the configured outlets and closes
 * them when replaced or reset. Depends on slf4j and junixsocket only (part of {@code util}).
 */
package org.jzrepl.util.log;
