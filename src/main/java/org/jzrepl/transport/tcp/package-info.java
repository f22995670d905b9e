/**
 * The tcp transport, and the socket machinery tls shares: plain TCP, the client identity taken from
 * the peer's IP address through the {@code clients} map ({@link org.jzrepl.config.ClientMap}:
 * longest prefix wins, a block's {@code *} replaced by the address). No encryption, no
 * authentication beyond the address.
 *
 * <p><b>Threading.</b> A {@link org.jzrepl.transport.tcp.SocketListener} accepts on a task of the
 * daemon's {@link org.jzrepl.runtime.TaskRunner} ({@code AcceptLoop}) and runs each connection's
 * {@link org.jzrepl.transport.tcp.Handover} on a task of its own, at most
 * {@link org.jzrepl.transport.tcp.SocketListener#MAX_PENDING_HANDOVERS} at once; passed wires
 * wait in a queue for {@code accept()}. Dials are blocking, bounded by {@code dial_timeout}, and
 * wait for the server's first bytes so that a {@link org.jzrepl.transport.tcp.Refusal} fails the dial.
 *
 * <p><b>Ownership.</b> Each accepted or dialled socket is a wire owned by its taker (closing it
 * releases its connection cap); the listener owns its server socket and the wires not taken yet.
 */
package org.jzrepl.transport.tcp;
