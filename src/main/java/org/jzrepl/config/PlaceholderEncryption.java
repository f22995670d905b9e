package org.jzrepl.config;

/** {@code recv.placeholder.encryption}: the encryption of placeholder datasets a receiver creates. */
public enum PlaceholderEncryption {
    /** Refuse to create placeholders where it would matter (zrepl's default). */
    UNSPECIFIED,
    /** Placeholders inherit encryption from their parent. */
    INHERIT,
    /** Placeholders are created unencrypted. */
    OFF
}
