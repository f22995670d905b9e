/**
 * Test helpers for the SSH path with real parts, reusable by any test: {@link
 * org.jzrepl.testing.sshd.TestSshd} (OpenSSH sshd on 127.0.0.1, own port, host key,
 * authorized_keys with forced commands, known_hosts, optional private /etc overlay for
 * /etc/jzrepl/jzrepl.yml), {@link org.jzrepl.testing.sshd.ForcedCommand} (the
 * {@code jzrepl stdinserver} command line), {@link org.jzrepl.testing.sshd.RawTestDaemon} and
 * {@link org.jzrepl.testing.sshd.RpcTestDaemon} (passive sides serving accepted wires),
 * {@link org.jzrepl.testing.sshd.TcpCutter} (cut or freeze a connection on demand),
 * {@link org.jzrepl.testing.sshd.TestStreams} (bulk bytes with checksums),
 * {@link org.jzrepl.testing.sshd.LeakCheck} (fd and thread counts), and
 * {@link org.jzrepl.testing.sshd.TransportBench} (the transport benchmarks' driver).
 *
 * <p>Each helper owns what it starts (processes, threads, sockets) and stops it on close.
 */
package org.jzrepl.testing.sshd;
