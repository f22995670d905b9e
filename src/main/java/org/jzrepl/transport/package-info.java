/**
 * Transports: how two jzrepl processes get a byte pipe between them. The RPC layer sees only
 * {@link org.jzrepl.transport.Wire} (two channels, half-close, close).
 *
 * <ul>
 * <li>Active side: {@link org.jzrepl.transport.Connecter#connect()} returns a fresh wire per RPC
 *     connection; concurrency comes from more wires.</li>
 * <li>Passive side: {@link org.jzrepl.transport.AuthenticatedListener#accept()} returns an
 *     {@link org.jzrepl.transport.AuthenticatedWire}: the wire plus the client identity the
 *     transport established (valid per {@link org.jzrepl.transport.ClientIdentity}).</li>
 * <li>Failures are {@link org.jzrepl.transport.TransportException}s whose kind says whether a retry
 *     can help.</li>
 * </ul>
 *
 * <p>Implementations: {@code ssh} ({@code ssh+stdinserver} dialer on Apache MINA SSHD),
 * {@code stdinserver} (the forced command and the daemon's unix-socket listener; the only user of
 * junixsocket), {@code local} (pipe pairs between two jobs of one daemon), {@code tcp} (plain TCP,
 * identity by source address) and {@code tls} (mutual TLS, identity by certificate CN).
 *
 * <p>Threading and ownership: a wire is used by one reader thread and one writer thread at a time;
 * whoever got it from {@code connect()}/{@code accept()} owns it and must close it. Connecters and
 * listeners are thread-safe and own only what they share between wires.
 */
package org.jzrepl.transport;
