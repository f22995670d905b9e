package org.jzrepl.transport.tls;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;
import org.jzrepl.transport.TransportException;
import org.jzrepl.util.LogText;

/**
 * Turns what JSSE throws on the client side into a {@link TransportException} saying which side's
 * certificate or configuration to look at. The JDK's messages are kept at the end (escaped: an
 * alert description comes from the peer).
 */
final class TlsErrors {
    private TlsErrors() {
    }

    static TransportException client(IOException e, String server, String serverCn, String timeout,
                                     java.util.Optional<String> ownCertProblem) {
        String msg = LogText.escape(String.valueOf(e.getMessage()), 300);
        if (e instanceof TransportException te) {
            return te;
        }
        if (e instanceof SocketTimeoutException) {
            return new TransportException(TransportException.Kind.UNREACHABLE, server + " did not complete the TLS"
                    + " handshake within dial_timeout " + timeout + " (is it a tls serve? a tcp serve does not speak TLS)", e);
        }
        if (msg.contains("Received fatal alert")) {
            String alert = msg.substring(msg.indexOf("Received fatal alert") + "Received fatal alert".length())
                    .replaceFirst("^[: ]+", "");
            String why = ownCertProblem.isPresent() ? ownCertProblem.get()
                    : alert.startsWith("certificate_expired") ? "our certificate has expired"
                    : alert.startsWith("bad_certificate") || alert.startsWith("certificate_unknown")
                    || alert.startsWith("unknown_ca") ? "its ca does not trust our certificate (or it is not valid now)"
                    : alert.startsWith("certificate_required") ? "it requires a client certificate"
                    : "TLS alert " + alert;
            return new TransportException(TransportException.Kind.AUTHENTICATION_FAILED, server
                    + " refused our certificate: " + why + " (TLS alert " + alert + "; the server's log says more)", e);
        }
        if (ownCertProblem.isPresent() && (e instanceof java.net.SocketException || e instanceof EOFException
                || e instanceof SSLException)) {
            // TLS 1.3: the server checks our certificate after our side of the handshake ended; its
            // alert may be lost to a reset when it closes, but we know what is wrong with ours
            return new TransportException(TransportException.Kind.AUTHENTICATION_FAILED, server
                    + " refused our certificate: " + ownCertProblem.get() + " (the connection ended before its"
                    + " TLS alert arrived: " + msg + ")", e);
        }
        if (has(e, CertificateExpiredException.class) || has(e, CertificateNotYetValidException.class)) {
            return new TransportException(TransportException.Kind.HOST_KEY_REJECTED, server + " presented a certificate"
                    + " that is not valid now (expired or not yet valid): " + msg, e);
        }
        if (msg.contains("No subject alternative") || msg.contains("No name matching")) {
            return new TransportException(TransportException.Kind.HOST_KEY_REJECTED, server + " presented a certificate"
                    + " for another name than server_cn '" + serverCn + "': " + msg, e);
        }
        if (msg.contains("PKIX") || msg.contains("certification path")) {
            return new TransportException(TransportException.Kind.HOST_KEY_REJECTED, server + " presented a certificate"
                    + " that our ca does not trust: " + msg, e);
        }
        if (msg.contains("Unsupported or unrecognized SSL message") || msg.contains("plaintext")) {
            return new TransportException(TransportException.Kind.PROTOCOL, server + " does not speak TLS (is it a"
                    + " tcp serve?): " + msg, e);
        }
        if (e instanceof EOFException || msg.contains("terminated the handshake") || e instanceof SSLException
                && e.getCause() instanceof EOFException) {
            return new TransportException(TransportException.Kind.PROTOCOL, server + " closed the connection during"
                    + " the TLS handshake (is it a tls serve? its log says why): " + msg, e);
        }
        return new TransportException(TransportException.Kind.UNREACHABLE, server + ": TLS failed: " + msg, e);
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
