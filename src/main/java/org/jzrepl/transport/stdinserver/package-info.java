/**
 * The ssh+stdinserver passive side: the {@code jzrepl stdinserver IDENT} forced command and the
 * daemon's listener that takes over its file descriptors. The only user of junixsocket.
 *
 * <p><b>Role.</b> The forced command connects to {@code <sockdir>/IDENT}, passes its fds 0 and 1
 * with SCM_RIGHTS and waits for one status byte, which becomes its exit status. The listener binds
 * one unix socket per client identity (the socket's name is the identity) in a directory that
 * grants nothing to others, receives the fds and wraps them as a
 * {@link org.jzrepl.transport.Wire}.
 *
 * <p><b>Threading.</b> The forced command is single-threaded and short-lived: it loads as few
 * classes as possible. The listener accepts on one thread per socket.
 *
 * <p><b>Ownership.</b> The received fds belong to the wire and are closed explicitly when it
 * closes (never left to GC: the SSH session would hang open); the forced command's connection is
 * answered with the status byte when the wire is closed. In the forced command stdout is the
 * protocol stream: nothing may be printed there.
 */
package org.jzrepl.transport.stdinserver;
