package org.jzrepl.zfs;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes an nvlist packed with {@code NV_ENCODE_NATIVE} (libnvpair's {@code nvlist_pack}, as in
 * OpenZFS {@code module/nvpair/nvpair.c}), strictly: flat lists of boolean, boolean_value, uint64
 * and string pairs only. Layout (all integers in the packing host's byte order):
 * <pre>
 *  0: encoding u8 (0 = native)  endian u8 (1 = little, 0 = big)  reserved u8 u8 (0)
 *  4: nvl_version i32 (0)       nvl_nvflag u32
 * 12: pairs, each:
 *     +0 nvp_size i32 (0 ends the list)  +4 nvp_name_sz i16 (with NUL)  +6 nvp_reserve i16 (0)
 *     +8 nvp_value_elem i32              +12 nvp_type i32
 *     +16 name, NUL, zero padding to an 8-byte boundary; value, zero padding to an 8-byte boundary
 *     (nvp_size covers both)
 * end: i32 0, and nothing after it
 * </pre>
 * Unlike libnvpair it refuses what a genuine packer never writes: duplicate names (libnvpair
 * silently keeps the last one), unknown or nested types, non-zero padding, bytes after the end
 * mark, control or non-ASCII characters in names and strings. Pure; throws IllegalArgumentException
 * naming the offset and the fault.
 */
public final class NvListDecoder {

    static final int NV_ENCODE_NATIVE = 0;
    static final int NV_VERSION = 0;
    static final int PAIR_HEADER = 16;
    static final int TYPE_BOOLEAN = 1;
    static final int TYPE_UINT64 = 8;
    static final int TYPE_STRING = 9;
    static final int TYPE_BOOLEAN_VALUE = 21;

    private NvListDecoder() {
    }

    /** Decodes {@code packed}, which must be in this host's byte order, as libnvpair requires. */
    public static NvList decode(byte[] packed) {
        return decode(packed, ByteOrder.nativeOrder());
    }

    static NvList decode(byte[] packed, ByteOrder host) {
        ByteBuffer b = ByteBuffer.wrap(packed);
        try {
            return decode(b, host);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("nvlist is truncated at offset " + b.position() + " of " + packed.length);
        }
    }

    private static NvList decode(ByteBuffer b, ByteOrder host) {
        int encoding = b.get();
        int endian = b.get();
        if (encoding != NV_ENCODE_NATIVE) {
            throw new IllegalArgumentException("nvlist encoding " + encoding + " is not native (0)");
        }
        if (endian != (host == ByteOrder.LITTLE_ENDIAN ? 1 : 0)) {
            throw new IllegalArgumentException("nvlist endian byte " + endian + " is not this host's (" + host + ")");
        }
        if (b.get() != 0 || b.get() != 0) {
            throw new IllegalArgumentException("nvlist header reserved bytes are not zero");
        }
        b.order(host);
        int version = b.getInt();
        if (version != NV_VERSION) {
            throw new IllegalArgumentException("nvlist version " + version + " is not " + NV_VERSION);
        }
        int nvflag = b.getInt();
        Map<String, NvList.Value> pairs = new LinkedHashMap<>();
        while (true) {
            int start = b.position();
            int size = b.getInt();
            if (size == 0) {
                break;
            }
            b.position(start);
            String name = pair(b, size, pairs);
            if (b.position() != start + size) {
                throw new IllegalStateException("nvpair '" + name + "' decoded to the wrong length");
            }
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException(b.remaining() + " bytes of trailing garbage after the nvlist end at offset "
                    + b.position());
        }
        return new NvList(nvflag, pairs);
    }

    /** Decodes one pair of {@code size} bytes at the buffer's position into {@code pairs}; returns its name. */
    private static String pair(ByteBuffer b, int size, Map<String, NvList.Value> pairs) {
        int at = b.position();
        if (size < align8(PAIR_HEADER + 1) || size % 8 != 0 || size > b.remaining()) {
            throw new IllegalArgumentException("nvpair at offset " + at + " has size " + size + " (at least "
                    + align8(PAIR_HEADER + 1) + ", a multiple of 8, at most the " + b.remaining() + " bytes left)");
        }
        b.getInt();
        int nameSize = b.getShort();
        int reserve = b.getShort();
        int elements = b.getInt();
        int type = b.getInt();
        if (nameSize < 2 || align8(PAIR_HEADER + nameSize) > size || reserve != 0) {
            throw new IllegalArgumentException("nvpair at offset " + at + " has name size " + nameSize
                    + " and reserved " + reserve + " in " + size + " bytes");
        }
        byte[] raw = new byte[nameSize];
        b.get(raw);
        String name = ascii(raw, nameSize - 1, "name of the nvpair at offset " + at);
        zeros(b, align8(PAIR_HEADER + nameSize) - PAIR_HEADER - nameSize, name);
        int valueArea = size - align8(PAIR_HEADER + nameSize);
        NvList.Value v = switch (type) {
            case TYPE_BOOLEAN -> {
                expect(name, elements, 0, valueArea, 0);
                yield new NvList.Flag();
            }
            case TYPE_UINT64 -> {
                expect(name, elements, 1, valueArea, 8);
                yield new NvList.Uint64(b.getLong());
            }
            case TYPE_BOOLEAN_VALUE -> {
                expect(name, elements, 1, valueArea, 4);
                NvList.Value bool = bool(b, name);
                zeros(b, 4, name);
                yield bool;
            }
            case TYPE_STRING -> string(b, name, elements, valueArea);
            default -> throw new IllegalArgumentException("nvpair '" + name + "' has type " + type + " ("
                    + typeName(type) + "); only boolean, boolean_value, uint64 and string are accepted");
        };
        if (pairs.putIfAbsent(name, v) != null) {
            throw new IllegalArgumentException("nvpair '" + name + "' appears more than once");
        }
        return name;
    }

    /** Checks the element count and value area of a fixed-size value before it is read. */
    private static void expect(String name, int elements, int expectedElements, int area, int size) {
        if (elements != expectedElements || area != align8(size)) {
            throw new IllegalArgumentException("nvpair '" + name + "' has " + elements + " elements and a "
                    + area + "-byte value; expected " + expectedElements + " and " + align8(size));
        }
    }

    private static NvList.Value bool(ByteBuffer b, String name) {
        int v = b.getInt();
        if (v != 0 && v != 1) {
            throw new IllegalArgumentException("nvpair '" + name + "' has boolean value " + v);
        }
        return new NvList.Bool(v == 1);
    }

    private static NvList.Value string(ByteBuffer b, String name, int elements, int area) {
        if (elements != 1 || area <= 0 || area > b.remaining()) {
            throw new IllegalArgumentException("string nvpair '" + name + "' has " + elements
                    + " elements and a " + area + "-byte value");
        }
        byte[] raw = new byte[area];
        b.get(raw);
        int len = 0;
        while (len < area && raw[len] != 0) {
            len++;
        }
        if (len == area || align8(len + 1) != area) {
            throw new IllegalArgumentException("string nvpair '" + name + "' is not NUL-terminated within"
                    + " its last 8 bytes");
        }
        for (int i = len; i < area; i++) {
            if (raw[i] != 0) {
                throw new IllegalArgumentException("string nvpair '" + name + "' has bytes after its NUL");
            }
        }
        return new NvList.Str(ascii(raw, len, "string nvpair '" + name + "'"));
    }

    /** The first {@code len} bytes, which must be printable ASCII, followed by a NUL. */
    private static String ascii(byte[] raw, int len, String what) {
        for (int i = 0; i < len; i++) {
            if (raw[i] < 0x20 || raw[i] > 0x7e) {
                throw new IllegalArgumentException(what + " has byte " + String.format("0x%02x", raw[i] & 0xff)
                        + " at " + i + ": control characters and non-ASCII are refused");
            }
        }
        if (raw[len] != 0) {
            throw new IllegalArgumentException(what + " is not NUL-terminated where its size says");
        }
        return new String(raw, 0, len, StandardCharsets.US_ASCII);
    }

    private static void zeros(ByteBuffer b, int n, String name) {
        for (int i = 0; i < n; i++) {
            if (b.get() != 0) {
                throw new IllegalArgumentException("nvpair '" + name + "' has non-zero padding at offset "
                        + (b.position() - 1));
            }
        }
    }

    /** libnvpair's data_type_t names, for messages. */
    static String typeName(int type) {
        String[] names = {"unknown", "boolean", "byte", "int16", "uint16", "int32", "uint32", "int64", "uint64",
            "string", "byte array", "int16 array", "uint16 array", "int32 array", "uint32 array", "int64 array",
            "uint64 array", "string array", "hrtime", "nvlist", "nvlist array", "boolean_value", "int8", "uint8",
            "boolean array", "int8 array", "uint8 array", "double"};
        return type >= 0 && type < names.length ? names[type] : "not a type";
    }

    static int align8(int n) {
        return (n + 7) & ~7;
    }
}
