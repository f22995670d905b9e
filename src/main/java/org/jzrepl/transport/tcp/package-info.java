/**
 * The tcp transport: plain TCP, the client identity taken from the peer's IP address through
 * the {@code clients} map (longest prefix wins, {@code *} replaced by the address). No encryption,
 * no authentication beyond the address.
 *
 * <p><b>Threading.</b> One accept thread per listener; dials are blocking with a timeout.
 *
 * <p><b>Ownership.</b> Each accepted or dialled socket is a wire owned by its taker; the listener
 * owns its server socket.
 */
package org.jzrepl.transport.tcp;
