package org.jzrepl.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.jzrepl.testing.tls.TestPki;

class PemFilesTest {
    @TempDir
    Path dir;

    private Path pem(String label, byte[] der) throws Exception {
        Path p = dir.resolve("key.pem");
        Files.writeString(p, "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(der) + "\n-----END " + label + "-----\n");
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC", "Ed25519"})
    void readsUnencryptedPkcs8KeysOfEveryCommonType(String type) throws Exception {
        PrivateKey key = KeyPairGenerator.getInstance(type).generateKeyPair().getPrivate();
        PrivateKey read = PemFiles.privateKey(pem("PRIVATE KEY", key.getEncoded()));
        assertEquals(key.getAlgorithm(), read.getAlgorithm());
        assertTrue(java.util.Arrays.equals(key.getEncoded(), read.getEncoded()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "RSA PRIVATE KEY|a PKCS#1 RSA key",
        "EC PRIVATE KEY|a SEC1 EC key",
        "ENCRYPTED PRIVATE KEY|an encrypted PKCS#8 key",
        "OPENSSH PRIVATE KEY|an OpenSSH key"})
    void refusesOtherKeyFormatsSayingHowToConvert(String label, String what) throws Exception {
        Path p = pem(label, new byte[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(p));
        assertEquals("key " + p + " is " + what + (label.startsWith("ENCRYPTED") ? " (jzrepl reads unencrypted keys only)" : "")
                + "; jzrepl needs an unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----). Convert it with:"
                + " openssl pkcs8 -topk8 -nocrypt -in " + p + " -out " + p + ".pk8", e.getMessage());
    }

    @Test
    void refusesGarbageAndMissingFilesNamingThem() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk"), "hello");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(junk)).getMessage()
                .startsWith("key " + junk + ": no PEM block found"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(pem("PRIVATE KEY",
                new byte[] {0x30, 0x03, 1, 2, 3}))).getMessage().contains("a PKCS#8 key of a type jzrepl cannot use"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PemFiles.certificates(junk, "ca")).getMessage()
                .startsWith("ca " + junk + ": "));
        Path none = dir.resolve("none");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PemFiles.certificates(none, "cert"))
                .getMessage().startsWith("cannot read cert " + none));
    }

    @Test
    void opensslKeysLoadAndAKeyOfAnotherCertificateIsRefused() throws Exception {
        assumeTrue(TestPki.available(), "openssl is not installed");
        TestPki pki = new TestPki(dir);
        TestPki.Ca ca = pki.ca("ca");
        TestPki.Pair a = pki.leaf(ca, "a");
        TestPki.Pair b = pki.leaf(ca, "b");
        TlsSettings.load(ca.cert(), a.cert(), a.key());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsSettings.load(ca.cert(), a.cert(), b.key()));
        assertEquals("key " + b.key() + " does not belong to the first certificate in " + a.cert() + " (CN=a)",
                e.getMessage());
        assertEquals("a", TlsSettings.commonName(PemFiles.certificates(a.cert(), "cert").get(0)));
        // an RSA key converted the documented way loads
        pki.run("genrsa", "-traditional", "-out", "rsa1.key", "2048");
        IllegalArgumentException pkcs1 = assertThrows(IllegalArgumentException.class,
                () -> PemFiles.privateKey(dir.resolve("rsa1.key")));
        assertTrue(pkcs1.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), pkcs1.getMessage());
        pki.run("pkcs8", "-topk8", "-nocrypt", "-in", "rsa1.key", "-out", "rsa1.key.pk8");
        assertEquals("RSA", PemFiles.privateKey(dir.resolve("rsa1.key.pk8")).getAlgorithm());
    }
}
