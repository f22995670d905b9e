/**
 * The tls transport: TCP with mutual TLS through the JDK's JSSE (TLS 1.3, 1.2 allowed); the
 * client identity is the client certificate's CN, which must be listed in {@code client_cns}; the
 * client checks the server certificate against {@code ca} and {@code server_cn}. PEM files are read
 * by {@link org.jzrepl.transport.tls.PemFiles} (PKCS#8 keys only).
 *
 * <p><b>Threading.</b> The server's handshake runs on the connection's hand-over task, bounded in
 * all by {@code handshake_timeout}; the client's on the dialling thread, bounded by
 * {@code dial_timeout}. A TLS wire is read by one thread and written by another, as JSSE allows.
 *
 * <p><b>Ownership.</b> As for {@code tcp}; key material is loaded once per listener or connecter
 * ({@link org.jzrepl.transport.tls.TlsSettings}, immutable).
 */
package org.jzrepl.transport.tls;
