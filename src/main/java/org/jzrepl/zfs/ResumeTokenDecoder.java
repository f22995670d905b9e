package org.jzrepl.zfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a {@code receive_resume_token} in Java, the way libzfs's
 * {@code zfs_send_resume_token_to_nvlist} does but strictly, so that every decision about a token
 * is made on values jzrepl decoded itself and never on what {@code zfs send -nvt} prints (which
 * prints strings raw: a crafted {@code toname} can fake further lines). The text is
 * <pre>
 * 1-CHECKSUM-LENGTH-PAYLOAD
 *   1         ZFS_SEND_RESUME_TOKEN_VERSION
 *   CHECKSUM  word 0 of fletcher_4_native over the compressed payload bytes, lowercase hex
 *   LENGTH    byte length of the packed nvlist once inflated, lowercase hex
 *   PAYLOAD   the zlib-compressed, natively packed nvlist ({@link NvListDecoder}), lowercase hex
 * </pre>
 * The checksum and length must match exactly, the zlib stream must end where the payload ends,
 * and the nvlist must hold exactly the fields {@link ResumeTokenFields} accepts. Pure;
 * throws IllegalArgumentException saying what is wrong.
 */
public final class ResumeTokenDecoder {

    public static final int VERSION = 1;
    /** Far above any real token (a few hundred characters); refused before anything is allocated. */
    public static final int MAX_TOKEN_LENGTH = 64 * 1024;
    /** The largest inflated nvlist accepted: a genuine one is a few hundred bytes. */
    public static final int MAX_PACKED_LENGTH = 64 * 1024;

    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,9})-([0-9a-f]{1,16})-([0-9a-f]{1,16})-([0-9a-f]*)");

    private ResumeTokenDecoder() {
    }

    /** The validated contents of {@code token}. */
    public static ResumeToken decode(String token) {
        byte[] packed = packed(token, ByteOrder.nativeOrder());
        NvList nv;
        try {
            nv = NvListDecoder.decode(packed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("resume token nvlist is corrupt: " + e.getMessage(), e);
        }
        return ResumeTokenFields.of(token, nv);
    }

    /** The packed nvlist of {@code token}, checked against its checksum and length. */
    static byte[] packed(String token, ByteOrder host) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("resume token has " + (token == null ? 0 : token.length())
                    + " characters, expected 1.." + MAX_TOKEN_LENGTH);
        }
        Matcher m = FORMAT.matcher(token);
        if (!m.matches()) {
            throw new IllegalArgumentException("resume token is not VERSION-CHECKSUM-LENGTH-PAYLOAD"
                    + " (decimal, then lowercase hex)");
        }
        if (!m.group(1).equals(Integer.toString(VERSION))) {
            throw new IllegalArgumentException("resume token version " + m.group(1) + " is not " + VERSION);
        }
        long checksum = Long.parseUnsignedLong(m.group(2), 16);
        long length = Long.parseUnsignedLong(m.group(3), 16);
        String hex = m.group(4);
        if (hex.isEmpty() || hex.length() % 2 != 0) {
            throw new IllegalArgumentException("resume token payload has " + hex.length()
                    + " hex digits, expected a positive even number");
        }
        if (Long.compareUnsigned(length, MAX_PACKED_LENGTH) > 0 || length == 0) {
            throw new IllegalArgumentException("resume token says its nvlist has " + Long.toUnsignedString(length)
                    + " bytes, expected 1.." + MAX_PACKED_LENGTH);
        }
        byte[] compressed = HexFormat.of().parseHex(hex);
        long actual = fletcher4Word0(compressed, host);
        if (actual != checksum) {
            throw new IllegalArgumentException("resume token checksum " + Long.toHexString(checksum)
                    + " does not match its payload (" + Long.toHexString(actual) + ")");
        }
        return inflate(compressed, (int) length);
    }

    private static byte[] inflate(byte[] compressed, int length) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[length];
            int n = 0;
            while (n < length && !inflater.finished() && !inflater.needsInput() && !inflater.needsDictionary()) {
                n += inflater.inflate(out, n, length - n);
            }
            if (n == length && !inflater.finished()) {
                byte[] more = new byte[1];
                if (inflater.inflate(more) > 0) {
                    throw new IllegalArgumentException("resume token payload inflates to more than the "
                            + length + " bytes it declares");
                }
            }
            if (!inflater.finished()) {
                throw new IllegalArgumentException("resume token payload is a truncated or invalid zlib stream ("
                        + n + " of " + length + " bytes inflated)");
            }
            if (n != length) {
                throw new IllegalArgumentException("resume token payload inflates to " + n + " bytes, not the "
                        + length + " it declares");
            }
            if (inflater.getRemaining() != 0) {
                throw new IllegalArgumentException("resume token payload has " + inflater.getRemaining()
                        + " bytes of trailing garbage after the zlib stream");
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("resume token payload is not a valid zlib stream: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /**
     * Word 0 of OpenZFS's {@code fletcher_4_native}: the sum, modulo 2^64, of the buffer's whole
     * 32-bit words in the host's byte order (trailing bytes short of a word are not summed).
     */
    static long fletcher4Word0(byte[] data, ByteOrder host) {
        ByteBuffer b = ByteBuffer.wrap(data).order(host);
        long a = 0;
        while (b.remaining() >= 4) {
            a += Integer.toUnsignedLong(b.getInt());
        }
        return a;
    }
}
