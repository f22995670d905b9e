/**
 * The ZFS command adapter: builds argv for zfs, runs it, parses its output into {@code zfs}
 * values and its stderr into typed exceptions that keep the raw text, and meters every command.
 *
 * <p><b>Role.</b> The only code that starts zfs processes. Injected where needed, never static, so
 * tests can substitute a scripted runner.
 *
 * <p><b>Threading.</b> Thread-safe; each call runs its own process. Long-running sends and
 * receives expose the process's stream to one consumer thread.
 *
 * <p><b>Ownership.</b> A running send or receive is owned by its caller, who must close it: closing
 * waits (bounded) for the process, and kills it when the stream was abandoned.
 */
package org.jzrepl.zfs.cmd;
