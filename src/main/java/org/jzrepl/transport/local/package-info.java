/**
 * The local transport: joins an active and a passive job inside one daemon over a socketpair,
 * for push/sink to a second local pool.
 *
 * <p><b>Role.</b> A process-wide switchboard keyed by {@code listener_name}: a connecter's dial
 * creates a socketpair and hands one end to the listener registered under that name, with the
 * configured client identity.
 *
 * <p><b>Threading.</b> The switchboard is thread-safe; dials block until the listener accepts or
 * {@code dial_timeout} passes.
 *
 * <p><b>Ownership.</b> Each end is a wire owned by its taker; a listener unregisters its name when
 * closed.
 */
package org.jzrepl.transport.local;
