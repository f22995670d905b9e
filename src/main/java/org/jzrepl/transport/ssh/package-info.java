/**
 * The {@code ssh+stdinserver} connecter: Apache MINA SSHD client, OpenSSH known_hosts checking,
 * OpenSSH-format identity files, a whitelist of OpenSSH options, the stdinserver banner check.
 *
 * <p>All connecters of a process share one {@link org.jzrepl.transport.ssh.SshClientHub}
 * (reference-counted): one MINA client (its NIO and timer threads), whose sessions take their
 * ciphers, keepalives and known_hosts check from the dialing connecter's settings, and one
 * {@link org.jzrepl.transport.ssh.DialGate} capping the dials running at once (each dial starts the
 * remote forced command). Each {@link org.jzrepl.transport.ssh.SshStdinserverConnecter} keeps its own
 * SSH sessions; every {@code connect()} is one exec channel, i.e. one run of the remote forced command
 * and one fd hand-over. A dial that gives up closes its channel on the server too.
 * {@link org.jzrepl.transport.ssh.SshWire} belongs to its caller; closing it closes only the channel.
 */
package org.jzrepl.transport.ssh;
