package org.jzrepl.transport.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JSSE context of one tls section: our certificate chain and key ({@code cert}, {@code key}),
 * and the CA certificates we trust for the peer ({@code ca}, PKIX validation by the JDK, validity
 * dates and key usage included). TLS 1.3, and 1.2 for peers without it; the JDK's default cipher
 * suites. Built once per listener or connecter; immutable and thread-safe.
 */
public final class TlsSettings {
    /** The protocols offered, newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final char[] NO_PASSWORD = new char[0];

    private final SSLContext context;
    private final X509Certificate leaf;
    private final Path certFile;

    private TlsSettings(SSLContext context, X509Certificate leaf, Path certFile) {
        this.context = context;
        this.leaf = leaf;
        this.certFile = certFile;
    }

    /**
     * Why our own certificate is not valid now ({@code cert FILE expired at ...}), for the message
     * of a peer's refusal, which does not say; empty when it is valid.
     */
    java.util.Optional<String> ownCertificateProblem() {
        try {
            leaf.checkValidity();
            return java.util.Optional.empty();
        } catch (java.security.cert.CertificateExpiredException e) {
            return java.util.Optional.of("our certificate (cert " + certFile + ") expired at " + leaf.getNotAfter().toInstant());
        } catch (java.security.cert.CertificateNotYetValidException e) {
            return java.util.Optional.of("our certificate (cert " + certFile + ") is not valid before "
                    + leaf.getNotBefore().toInstant());
        }
    }

    /**
     * Loads the three files; throws IllegalArgumentException naming the file and what is wrong
     * (unreadable, not PEM, a key format to convert, a key that does not belong to the cert).
     */
    public static TlsSettings load(Path ca, Path cert, Path key) {
        List<X509Certificate> trusted = PemFiles.certificates(ca, "ca");
        List<X509Certificate> chain = PemFiles.certificates(cert, "cert");
        PrivateKey privateKey = PemFiles.privateKey(key);
        PemFiles.checkPair(chain.get(0), privateKey, cert, key);
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("jzrepl", privateKey, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, NO_PASSWORD);
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, trusted.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(anchors);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return new TlsSettings(ctx, chain.get(0), cert);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("cannot use cert " + cert + " with key " + key + " and ca " + ca + ": "
                    + e.getMessage(), e);
        }
    }

    /** A TLS socket over the connected {@code tcp} socket, closing it when closed, not handshaken yet. */
    SSLSocket wrap(java.net.Socket tcp, String peerHost, boolean client) throws java.io.IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(tcp, peerHost, tcp.getPort(), true);
        s.setUseClientMode(client);
        List<String> supported = Arrays.asList(s.getSupportedProtocols());
        s.setEnabledProtocols(PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
        return s;
    }

    /**
     * The certificate's subject CN as Go's {@code Subject.CommonName} reads it (the last CN in the
     * subject's sequence); empty when there is none.
     */
    public static String commonName(X509Certificate cert) {
        try {
            String cn = "";
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return "";
        }
    }
}
