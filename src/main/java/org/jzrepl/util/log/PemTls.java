package org.jzrepl.util.log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client context from PEM files as zrepl's {@code tls} sections name them: {@code ca} (the
 * certificates the server's must chain to), {@code cert} (the client's chain) and {@code key} (its
 * unencrypted PKCS#8 key: {@code BEGIN PRIVATE KEY}; RSA, EC or Ed25519).
 */
public final class PemTls {

    private PemTls() {
    }

    /**
     * @throws IOException a file cannot be read or parsed (the message names it and what to do)
     */
    public static SSLContext client(Path ca, Path cert, Path key) throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates(ca)) {
                trust.setCertificateEntry("ca" + i++, c);
            }
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            char[] pw = new char[0];
            own.setKeyEntry("client", privateKey(key), pw, certificates(cert).toArray(new Certificate[0]));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(own, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("tls: " + e.getMessage(), e);
        }
    }

    static List<Certificate> certificates(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<Certificate> out = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (out.isEmpty()) {
                throw new IOException(pem + ": no certificate in it");
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IOException(pem + ": not a PEM certificate: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(Path pem) throws IOException {
        String text = Files.readString(pem);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(pem + ": not an unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert it with"
                    + " openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException ignored) {
                // try the next algorithm
            }
        }
        throw new IOException(pem + ": the key is neither RSA, EC nor Ed25519");
    }
}
