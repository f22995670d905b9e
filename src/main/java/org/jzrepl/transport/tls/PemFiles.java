package org.jzrepl.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of a tls section with the JDK's own parsers: certificates ({@code ca}, and
 * {@code cert} with the leaf first and its intermediates after it) and an unencrypted PKCS#8
 * private key ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl req -nodes} and EasyRSA
 * write) of type RSA, EC, Ed25519 or Ed448. Other key formats are refused with the command that
 * converts them. Errors are {@link IllegalArgumentException}s naming the file.
 */
public final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final List<String> KEY_TYPES = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");
    /** Key files are small; anything bigger is not one. */
    private static final long MAX_FILE = 1024 * 1024;

    private PemFiles() {
    }

    /** Every certificate in {@code file}, in file order; at least one. */
    public static List<X509Certificate> certificates(Path file, String key) {
        byte[] bytes = read(file, key);
        List<X509Certificate> out = new ArrayList<>();
        try {
            for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(key + " " + file + ": not a PEM certificate file: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(key + " " + file + ": holds no certificate"
                    + " (expected -----BEGIN CERTIFICATE----- blocks)");
        }
        return out;
    }

    /** The PKCS#8 private key in {@code file}. */
    public static PrivateKey privateKey(Path file) {
        String text = new String(read(file, "key"), StandardCharsets.US_ASCII);
        Matcher m = BLOCK.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("key " + file + ": no PEM block found (expected -----BEGIN PRIVATE KEY-----)");
        }
        String label = m.group(1);
        if (!label.equals("PRIVATE KEY")) {
            String what = switch (label) {
                case "RSA PRIVATE KEY" -> "a PKCS#1 RSA key";
                case "EC PRIVATE KEY" -> "a SEC1 EC key";
                case "ENCRYPTED PRIVATE KEY" -> "an encrypted PKCS#8 key (jzrepl reads unencrypted keys only)";
                case "OPENSSH PRIVATE KEY" -> "an OpenSSH key";
                default -> "a PEM block of type '" + label + "'";
            };
            throw new IllegalArgumentException("key " + file + " is " + what + "; jzrepl needs an unencrypted PKCS#8"
                    + " key (-----BEGIN PRIVATE KEY-----). Convert it with: openssl pkcs8 -topk8 -nocrypt -in "
                    + file + " -out " + file + ".pk8");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key " + file + ": the PEM block is not valid base64", e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String type : KEY_TYPES) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // not this type; try the next
            }
        }
        throw new IllegalArgumentException("key " + file + ": a PKCS#8 key of a type jzrepl cannot use (RSA, EC,"
                + " Ed25519 and Ed448 are supported) or a damaged one");
    }

    /**
     * Checks that {@code key} belongs to {@code leaf} by signing a test message and verifying it
     * with the certificate's public key (JCA signatures, as Go's {@code tls.LoadX509KeyPair} checks).
     */
    public static void checkPair(X509Certificate leaf, PrivateKey key, Path certFile, Path keyFile) {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> null;
            default -> key.getAlgorithm();   // Ed25519, Ed448, EdDSA
        };
        if (alg == null) {
            return;   // PSS needs parameters from the key; the TLS handshake checks the pair anyway
        }
        try {
            byte[] probe = "jzrepl key pair check".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature s = java.security.Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(leaf.getPublicKey());
            s.update(probe);
            if (s.verify(sig)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's: not a pair
        }
        throw new IllegalArgumentException("key " + keyFile + " does not belong to the first certificate in "
                + certFile + " (" + leaf.getSubjectX500Principal().getName() + ")");
    }

    private static byte[] read(Path file, String key) {
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new IllegalArgumentException(key + " " + file + " is larger than " + MAX_FILE + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + key + " " + file + ": " + e.getMessage(), e);
        }
    }
}
