/**
 * The {@code ssh+stdinserver} connecter: Apache MINA SSHD client, OpenSSH known_hosts checking,
 * OpenSSH-format identity files, a whitelist of OpenSSH options, the stdinserver banner check.
 *
 * <p>{@link org.jzrepl.transport.ssh.SshStdinserverConnecter} owns one MINA client (its NIO
 * threads) and the SSH sessions to one target; every {@code connect()} is one exec channel, i.e. one
 * run of the remote forced command and one fd hand-over. {@link org.jzrepl.transport.ssh.SshWire}
 * belongs to its caller; closing it closes only the channel.
 */
package org.jzrepl.transport.ssh;
