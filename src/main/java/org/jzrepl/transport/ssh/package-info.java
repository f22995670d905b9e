/**
 * The ssh+stdinserver connecter: dials the remote host with Apache MINA SSHD and runs the
 * forced command there, so the exec channel's streams become a {@link org.jzrepl.transport.Wire}.
 *
 * <p><b>Role.</b> Maps the {@code connect} config (host, user, port, identity_file, known_hosts,
 * dial_timeout) to one {@code SshClient}; verifies the host key against known_hosts (never
 * accept-all); one SSH session may carry several exec channels, each a separate wire.
 *
 * <p><b>Threading.</b> MINA's own I/O threads move bytes; the wire's reader and writer block on the
 * channel's inverted streams. The connecter is safe for concurrent {@code connect} calls.
 *
 * <p><b>Ownership.</b> A wire owns its exec channel; closing it closes the channel and waits
 * (bounded) for the remote exit status. The connecter owns the {@code SshClient} and its sessions
 * and closes them when closed itself.
 */
package org.jzrepl.transport.ssh;
