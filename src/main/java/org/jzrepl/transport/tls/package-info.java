/**
 * The tls transport: TCP with mutual TLS; the client identity is the client certificate's CN,
 * which must be listed in {@code client_cns}.
 *
 * <p><b>Threading.</b> The handshake runs on the accepting or dialling thread, bounded by
 * {@code handshake_timeout}.
 *
 * <p><b>Ownership.</b> As for {@code tcp}; key material is loaded once per listener or connecter.
 */
package org.jzrepl.transport.tls;
