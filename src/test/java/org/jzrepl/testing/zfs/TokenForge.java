package org.jzrepl.testing.zfs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Builds resume tokens by hand, as the kernel does ({@code get_receive_resume_token_impl}):
 * a little-endian natively packed nvlist, zlib-compressed, with word 0 of fletcher-4 over the
 * compressed bytes. Written independently of the production decoder so tests can forge anything,
 * including what a genuine packer never writes (duplicates, raw control characters, odd types).
 * <pre>{@code
 * String t = TokenForge.token(new TokenForge.NvList().uint64("toguid", 7).string("toname", "p/f@s").bytes());
 * }</pre>
 */
public final class TokenForge {

    public static final int BOOLEAN = 1;
    public static final int UINT64 = 8;
    public static final int STRING = 9;
    public static final int UINT64_ARRAY = 16;
    public static final int BOOLEAN_VALUE = 21;

    private TokenForge() {
    }

    /** {@code 1-CHECKSUM-LENGTH-PAYLOAD} of {@code packed}, all genuine. */
    public static String token(byte[] packed) {
        byte[] z = zlib(packed);
        return token(1, fletcher4Word0(z), packed.length, z);
    }

    /** A token with each part chosen by the caller. */
    public static String token(int version, long checksum, long length, byte[] compressed) {
        return version + "-" + Long.toHexString(checksum) + "-" + Long.toHexString(length) + "-"
                + HexFormat.of().formatHex(compressed);
    }

    /**
     * The pairs of a genuine token's nvlist, read leniently and independently of the production
     * decoder: uint64 as Long, string as String, boolean as Boolean.TRUE.
     */
    public static Map<String, Object> contents(String token) {
        String[] p = token.split("-");
        byte[] packed = new byte[Integer.parseInt(p[2], 16)];
        Inflater inf = new Inflater();
        try {
            inf.setInput(HexFormat.of().parseHex(p[3]));
            int n = 0;
            while (n < packed.length && !inf.finished()) {
                n += inf.inflate(packed, n, packed.length - n);
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException(e);
        } finally {
            inf.end();
        }
        ByteBuffer b = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Object> pairs = new LinkedHashMap<>();
        for (int at = 12, size; (size = b.getInt(at)) != 0; at += size) {
            int nameSize = b.getShort(at + 4);
            String name = new String(packed, at + 16, nameSize - 1, StandardCharsets.US_ASCII);
            int value = at + ((16 + nameSize + 7) & ~7);
            pairs.put(name, switch (b.getInt(at + 12)) {
                case UINT64 -> b.getLong(value);
                case STRING -> new String(packed, value, indexOfNul(packed, value) - value, StandardCharsets.UTF_8);
                case BOOLEAN -> Boolean.TRUE;
                default -> throw new IllegalArgumentException("type " + b.getInt(at + 12) + " of " + name);
            });
        }
        return pairs;
    }

    private static int indexOfNul(byte[] b, int from) {
        int i = from;
        while (b[i] != 0) {
            i++;
        }
        return i;
    }

    public static byte[] zlib(byte[] data) {
        Deflater d = new Deflater(6);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** Sum of the little-endian 32-bit words, modulo 2^64 (fletcher_4_native word 0 on x86). */
    public static long fletcher4Word0(byte[] data) {
        long a = 0;
        for (int i = 0; i + 4 <= data.length; i += 4) {
            a += (data[i] & 0xffL) | (data[i + 1] & 0xffL) << 8 | (data[i + 2] & 0xffL) << 16
                    | (data[i + 3] & 0xffL) << 24;
        }
        return a;
    }

    /** A native little-endian nvlist, pairs in the order added, NV_UNIQUE_NAME unless told. */
    public static final class NvList {

        private final ByteArrayOutputStream pairs = new ByteArrayOutputStream();
        private int nvflag = 1;

        public NvList nvflag(int flag) {
            nvflag = flag;
            return this;
        }

        public NvList uint64(String name, long v) {
            return pair(name, UINT64, 1, le(8).putLong(v).array());
        }

        /** A string of any content (written as UTF-8), NUL-terminated. */
        public NvList string(String name, String v) {
            byte[] s = v.getBytes(StandardCharsets.UTF_8);
            byte[] value = new byte[s.length + 1];
            System.arraycopy(s, 0, value, 0, s.length);
            return pair(name, STRING, 1, value);
        }

        public NvList flag(String name) {
            return pair(name, BOOLEAN, 0, new byte[0]);
        }

        public NvList booleanValue(String name, boolean v) {
            return pair(name, BOOLEAN_VALUE, 1, le(4).putInt(v ? 1 : 0).array());
        }

        /** One pair as libnvpair packs it: header, name and value each padded to 8 bytes. */
        public NvList pair(String name, int type, int elements, byte[] value) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            int nameArea = align8(16 + n.length + 1);
            int size = nameArea + align8(value.length);
            ByteBuffer b = le(size);
            b.putInt(size).putShort((short) (n.length + 1)).putShort((short) 0).putInt(elements).putInt(type);
            b.put(n).position(nameArea).put(value);
            pairs.writeBytes(b.array());
            return this;
        }

        /** Raw bytes appended to the pairs, to forge broken records. */
        public NvList raw(byte[] bytes) {
            pairs.writeBytes(bytes);
            return this;
        }

        /** Header, pairs and the 4-byte end mark. */
        public byte[] bytes() {
            ByteBuffer b = le(12 + pairs.size() + 4);
            b.put((byte) 0).put((byte) 1).put((byte) 0).put((byte) 0).putInt(0).putInt(nvflag);
            b.put(pairs.toByteArray()).putInt(0);
            return b.array();
        }

        private static ByteBuffer le(int n) {
            return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        }

        private static int align8(int n) {
            return (n + 7) & ~7;
        }
    }
}
