package org.jzrepl.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jzrepl.testing.zfs.TokenForge;

/** Native nvlist decoding on bytes built by hand ({@link TokenForge.NvList}). */
class NvListDecoderTest {

    private static NvList decode(byte[] packed) {
        return NvListDecoder.decode(packed, ByteOrder.LITTLE_ENDIAN);
    }

    private static void refused(byte[] packed, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decode(packed));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void decodesEachSupportedTypeInPackedOrder() {
        NvList nv = decode(new TokenForge.NvList().uint64("toguid", -2L).string("toname", "pool/fs@snap")
                .flag("rawok").booleanValue("embedok", true).bytes());
        assertEquals(NvList.NV_UNIQUE_NAME, nv.nvflag());
        assertEquals(List.of("toguid", "toname", "rawok", "embedok"), List.copyOf(nv.pairs().keySet()));
        assertEquals(Map.of("toguid", new NvList.Uint64(-2L), "toname", new NvList.Str("pool/fs@snap"),
                "rawok", new NvList.Flag(), "embedok", new NvList.Bool(true)), nv.pairs());
    }

    @Test
    void decodesAnEmptyList() {
        assertEquals(Map.of(), decode(new TokenForge.NvList().bytes()).pairs());
    }

    @Test
    void rejectsADuplicateName() {
        refused(new TokenForge.NvList().uint64("toguid", 1).uint64("toguid", 2).bytes(), "more than once");
        refused(new TokenForge.NvList().uint64("x", 1).string("x", "y").bytes(), "more than once");
    }

    @Test
    void rejectsControlAndNonAsciiCharactersInStringsAndNames() {
        refused(new TokenForge.NvList().string("toname", "p/f@a\n\ttoguid = 0x1").bytes(), "byte 0x0a at 5");
        refused(new TokenForge.NvList().string("toname", "p/f@a\r").bytes(), "byte 0x0d");
        refused(new TokenForge.NvList().string("toname", "p/f@\u00e9").bytes(), "non-ASCII");
        refused(new TokenForge.NvList().uint64("to\tguid", 1).bytes(), "name of the nvpair");
    }

    @Test
    void rejectsAStringWithAnEmbeddedNulOrNoNul() {
        refused(new TokenForge.NvList().string("toname", "p/f@a\0\0\0\0\0\0\0\0\0xyz").bytes(), "NUL");
        refused(new TokenForge.NvList().string("toname", "p/f@a\0z").bytes(), "after its NUL");
        refused(new TokenForge.NvList().pair("toname", TokenForge.STRING, 1, "12345678".getBytes()).bytes(),
                "not NUL-terminated");
    }

    @Test
    void rejectsUnsupportedTypesByName() {
        refused(new TokenForge.NvList().pair("redact_snaps", TokenForge.UINT64_ARRAY, 1, new byte[8]).bytes(),
                "type 16 (uint64 array)");
        refused(new TokenForge.NvList().pair("x", 19, 1, new byte[8]).bytes(), "type 19 (nvlist)");
        refused(new TokenForge.NvList().pair("x", 99, 1, new byte[8]).bytes(), "type 99 (not a type)");
    }

    @Test
    void rejectsElementCountsAndValueSizesThatDoNotFitTheType() {
        refused(new TokenForge.NvList().pair("x", TokenForge.UINT64, 2, new byte[8]).bytes(), "2 elements");
        refused(new TokenForge.NvList().pair("x", TokenForge.UINT64, 1, new byte[16]).bytes(), "16-byte value");
        refused(new TokenForge.NvList().pair("x", TokenForge.BOOLEAN, 1, new byte[0]).bytes(), "1 elements");
        refused(new TokenForge.NvList().pair("x", TokenForge.BOOLEAN_VALUE, 1, new byte[] {2, 0, 0, 0}).bytes(),
                "boolean value 2");
    }

    @Test
    void rejectsTruncatedLists() {
        byte[] whole = new TokenForge.NvList().uint64("toguid", 1).bytes();
        refused(Arrays.copyOf(whole, whole.length - 4), "truncated");        // no end mark
        refused(Arrays.copyOf(whole, whole.length - 10), "size 32");         // pair runs past the end
        refused(Arrays.copyOf(whole, 6), "truncated");                       // inside the header
        refused(new byte[0], "truncated");
    }

    @Test
    void rejectsTrailingGarbageAfterTheEndMark() {
        byte[] whole = new TokenForge.NvList().uint64("toguid", 1).bytes();
        byte[] longer = Arrays.copyOf(whole, whole.length + 8);
        refused(longer, "8 bytes of trailing garbage");
    }

    @Test
    void rejectsBrokenPairHeaders() {
        byte[] tooSmall = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(16).putInt(0).array();
        refused(new TokenForge.NvList().raw(tooSmall).bytes(), "has size 16");
        refused(new TokenForge.NvList().raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(-8).array())
                .bytes(), "has size -8");
        byte[] pair = new TokenForge.NvList().uint64("toguid", 1).bytes();
        pair[12 + 6] = 1;                                                     // nvp_reserve
        refused(pair, "reserved 1");
        byte[] padded = new TokenForge.NvList().uint64("toguid", 1).bytes();
        padded[12 + 16 + 7] = 'x';                                            // name padding
        refused(padded, "non-zero padding");
    }

    @Test
    void rejectsForeignHeaders() {
        byte[] b = new TokenForge.NvList().bytes();
        b[0] = 1;
        refused(b, "encoding 1");
        byte[] big = new TokenForge.NvList().bytes();
        big[1] = 0;
        refused(big, "endian byte 0");
        byte[] version = new TokenForge.NvList().bytes();
        version[4] = 1;
        refused(version, "version 1");
        byte[] reserved = new TokenForge.NvList().bytes();
        reserved[3] = 1;
        refused(reserved, "reserved bytes");
    }
}
