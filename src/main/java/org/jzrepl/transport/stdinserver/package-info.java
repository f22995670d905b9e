/**
 * The stdinserver hand-over: the authorized_keys forced command
 * ({@link org.jzrepl.transport.stdinserver.StdinserverClient}) passes its stdin/stdout to the
 * daemon ({@link org.jzrepl.transport.stdinserver.StdinserverListener}) over a unix socket with
 * SCM_RIGHTS, so the daemon itself never listens on the network. Protocol in
 * {@link org.jzrepl.transport.stdinserver.StdinserverProtocol}.
 *
 * <p>The listener owns its sockets and threads (one acceptor per identity, one short-lived thread
 * per hand-over); accepted {@link org.jzrepl.transport.stdinserver.HandedOverWire}s belong to the
 * caller, whose {@code close()} also ends the forced command with an exit status.
 */
package org.jzrepl.transport.stdinserver;
