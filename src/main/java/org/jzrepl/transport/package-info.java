/**
 * Byte pipes between two jzrepl processes, and who is at the other end.
 *
 * <p><b>Role.</b> {@link org.jzrepl.transport.Wire} is a bidirectional byte pipe with half-close; a
 * {@code Connecter} dials one (active side), an {@code AuthenticatedListener} accepts them and
 * names the peer's {@code ClientIdentity} (passive side). One sub-package per kind: {@code ssh}
 * (MINA SSHD client running the remote forced command), {@code stdinserver} (the forced command and
 * its daemon-side listener), {@code local}, {@code tcp}, {@code tls}. What flows over a wire is the
 * {@code rpc} package's business.
 *
 * <p><b>Threading.</b> A wire is used by one reader thread and one writer thread at a time; reads
 * and writes block. {@code close()} may be called from any thread to unblock both.
 *
 * <p><b>Ownership.</b> Whoever obtains a wire (from {@code connect} or {@code accept}) owns it and
 * must close it; closing releases fds, channels and sessions. A listener owns its sockets until
 * closed.
 *
 * <p><b>Dependencies.</b> May use {@code config}; never {@code rpc} or anything above.
 */
package org.jzrepl.transport;
