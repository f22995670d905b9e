package org.jzrepl.zfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jzrepl.testing.zfs.TokenForge;

/**
 * Resume tokens captured from OpenZFS 2.1.11 and 2.3.2 ({@code src/test/resources/zfs}) and tokens
 * forged by hand ({@link TokenForge}), including the forgery that once made the sender stream a
 * snapshot the request did not name.
 */
class ResumeTokenDecoderTest {

    private static final Guid ALLOWED = Guid.parseHex("0d5c0947adb60344");
    private static final Guid SECRET = Guid.parseHex("5ec2e7000000beef");

    static String captured(String version, String kind) {
        try (InputStream in = ResumeTokenDecoderTest.class.getResourceAsStream("/zfs/" + version + "/token-"
                + kind + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The fields of the captured 2.1.11 full token, ready to be changed. */
    private static TokenForge.NvList genuine() {
        return new TokenForge.NvList().uint64("object", 2).uint64("offset", 0x20000).uint64("bytes", 0x40c70)
                .uint64("toguid", ALLOWED.value());
    }

    private static void refused(String token, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResumeTokenDecoder.decode(token));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void decodesTheCapturedTokensOfEachKind() {
        ResumeToken full = ResumeTokenDecoder.decode(captured("2.1.11", "full"));
        assertEquals(captured("2.1.11", "full"), full.token());
        assertEquals("cap/src@b", full.toName());
        assertEquals(ALLOWED, full.toGuid());
        assertEquals(Optional.empty(), full.fromGuid());
        assertFalse(full.raw() || full.compressed() || full.embedded() || full.largeBlocks());

        ResumeToken inc = ResumeTokenDecoder.decode(captured("2.1.11", "incremental"));
        assertEquals(Optional.of(Guid.parseHex("12d194dc8f5aec0b")), inc.fromGuid());
        assertEquals(ALLOWED, inc.toGuid());

        ResumeToken raw = ResumeTokenDecoder.decode(captured("2.1.11", "raw"));
        assertEquals("cap/enc@e1", raw.toName());
        assertEquals(Guid.parseHex("992f2be33249691d"), raw.toGuid());
        assertTrue(raw.raw() && raw.compressed() && !raw.embedded());

        ResumeToken flags = ResumeTokenDecoder.decode(captured("2.1.11", "flags"));
        assertTrue(flags.embedded() && flags.compressed() && !flags.raw() && !flags.largeBlocks());

        assertEquals(Guid.parseHex("2adbdc9c87415779"), ResumeTokenDecoder.decode(captured("2.3.2", "full")).toGuid());
        assertEquals(Guid.parseHex("d090f699b817467c"),
                ResumeTokenDecoder.decode(captured("2.3.2", "incremental")).fromGuid().orElseThrow());
    }

    @Test
    void theForgeBuildsTheSameNvlistAsTheKernel() {
        byte[] kernel = ResumeTokenDecoder.packed(captured("2.1.11", "full"), ByteOrder.LITTLE_ENDIAN);
        assertArrayEquals(kernel, genuine().string("toname", "cap/src@b").bytes());
    }

    @Test
    void aForgedWellFormedTokenRoundTrips() {
        String token = TokenForge.token(genuine().uint64("fromguid", 5).string("toname", "pool/a b/c.d@snap_1:x")
                .flag("largeblockok").booleanValue("rawok", true).bytes());
        ResumeToken t = ResumeTokenDecoder.decode(token);
        assertEquals("pool/a b/c.d@snap_1:x", t.toName());
        assertEquals(Optional.of(new Guid(5)), t.fromGuid());
        assertTrue(t.largeBlocks() && t.raw() && !t.compressed());
        assertEquals(DatasetPath.parse("pool/a b/c.d"), t.toFilesystem());
    }

    /** The forgery: secret's toguid, and a toname that makes {@code zfs send -nvt} print a second toguid. */
    @Test
    void refusesATonameThatInjectsAnotherToguidLine() {
        String injected = "tp/allowed@a\n\ttoguid = 0x" + Long.toHexString(ALLOWED.value());
        String token = TokenForge.token(new TokenForge.NvList().uint64("object", 2).uint64("offset", 0x20000)
                .uint64("bytes", 0x40c70).uint64("toguid", SECRET.value()).string("toname", injected).bytes());
        refused(token, "control characters");
    }

    @Test
    void refusesADuplicateField() {
        refused(TokenForge.token(genuine().string("toname", "tp/allowed@a").uint64("toguid", SECRET.value()).bytes()),
                "'toguid' appears more than once");
        refused(TokenForge.token(genuine().string("toname", "tp/allowed@a").string("toname", "tp/secret@x").bytes()),
                "'toname' appears more than once");
    }

    @Test
    void refusesATonameThatIsNotASnapshotName() {
        refused(TokenForge.token(genuine().string("toname", "tp/allowed").bytes()), "no '@'");
        refused(TokenForge.token(genuine().string("toname", "tp/allowed@a@b").bytes()), "not a valid snapshot name");
        refused(TokenForge.token(genuine().string("toname", "tp/../x@a").bytes()), "not a valid snapshot name");
        refused(TokenForge.token(genuine().string("toname", "tp/x@a#b").bytes()), "not a valid snapshot name");
        refused(TokenForge.token(genuine().string("toname", "tp/" + "x".repeat(260) + "@a").bytes()), "more than 255");
    }

    @Test
    void refusesABadChecksum() {
        String good = captured("2.1.11", "full");
        String[] p = good.split("-");
        long wrong = Long.parseUnsignedLong(p[1], 16) + 1;
        refused(p[0] + "-" + Long.toHexString(wrong) + "-" + p[2] + "-" + p[3], "checksum");
        char last = p[3].charAt(p[3].length() - 10);
        String flipped = p[3].substring(0, p[3].length() - 10) + (last == '0' ? '1' : '0') + p[3].substring(p[3].length() - 9);
        refused(p[0] + "-" + p[1] + "-" + p[2] + "-" + flipped, "checksum");
    }

    @Test
    void refusesALengthThatDiffersFromTheInflatedSize() {
        byte[] packed = genuine().string("toname", "tp/allowed@a").bytes();
        byte[] z = TokenForge.zlib(packed);
        refused(TokenForge.token(1, TokenForge.fletcher4Word0(z), packed.length + 8, z), "inflates to " + packed.length);
        refused(TokenForge.token(1, TokenForge.fletcher4Word0(z), packed.length - 8, z), "more than");
        refused(TokenForge.token(1, TokenForge.fletcher4Word0(z), 0, z), "expected 1..");
        refused(TokenForge.token(1, TokenForge.fletcher4Word0(z), 1L << 40, z), "expected 1..65536");
    }

    @Test
    void refusesATruncatedPayload() {
        byte[] packed = genuine().string("toname", "tp/allowed@a").bytes();
        byte[] z = Arrays.copyOf(TokenForge.zlib(packed), TokenForge.zlib(packed).length - 6);
        refused(TokenForge.token(1, TokenForge.fletcher4Word0(z), packed.length, z), "truncated or invalid zlib");
        byte[] shortList = Arrays.copyOf(packed, packed.length - 4);         // no end mark, length consistent
        refused(TokenForge.token(shortList), "truncated");
    }

    @Test
    void refusesTrailingGarbage() {
        byte[] packed = genuine().string("toname", "tp/allowed@a").bytes();
        byte[] z = TokenForge.zlib(packed);
        byte[] longer = Arrays.copyOf(z, z.length + 4);
        refused(TokenForge.token(1, TokenForge.fletcher4Word0(longer), packed.length, longer), "trailing garbage");
        byte[] afterEnd = Arrays.copyOf(packed, packed.length + 8);
        refused(TokenForge.token(afterEnd), "trailing garbage after the nvlist");
    }

    @Test
    void refusesAnotherVersionAndMalformedText() {
        String good = captured("2.1.11", "full");
        refused("2" + good.substring(1), "version 2 is not 1");
        refused("01" + good.substring(1), "version 01");
        refused(good.toUpperCase(), "lowercase hex");
        refused(good + "0", "even number");
        refused(good.substring(0, good.lastIndexOf('-') + 1), "positive even");
        refused("1-abc-def", "not VERSION-CHECKSUM-LENGTH-PAYLOAD");
        refused("-h", "not VERSION");
        refused("", "expected 1..");
    }

    @Test
    void refusesAnOversizedTokenBeforeDecodingIt() {
        refused("1-0-10-" + "00".repeat(ResumeTokenDecoder.MAX_TOKEN_LENGTH / 2), "expected 1..65536");
    }

    @Test
    void refusesMissingFieldsAndZeroGuids() {
        refused(TokenForge.token(genuine().bytes()), "lacks 'toname'");
        refused(TokenForge.token(new TokenForge.NvList().string("toname", "p/f@s").uint64("object", 1)
                .uint64("offset", 0).uint64("bytes", 0).bytes()), "lacks 'toguid'");
        refused(TokenForge.token(new TokenForge.NvList().uint64("object", 2).uint64("offset", 0).uint64("bytes", 0)
                .uint64("toguid", 0).string("toname", "p/f@s").bytes()), "toguid is 0");
        refused(TokenForge.token(genuine().uint64("fromguid", 0).string("toname", "p/f@s").bytes()),
                "fromguid is 0");
    }

    @Test
    void refusesFieldsJzreplCannotVouchFor() {
        refused(TokenForge.token(genuine().string("toname", "p/f@s").uint64("resumeobj", 1).bytes()),
                "unknown field 'resumeobj'");
        refused(TokenForge.token(genuine().string("toname", "p/f@s").flag("savedok").bytes()), "savedok");
        refused(TokenForge.token(genuine().string("toname", "p/f@s").booleanValue("rawok", false).bytes()),
                "boolean_value false");
        refused(TokenForge.token(genuine().string("toname", "p/f@s").pair("book_redact_snaps",
                TokenForge.UINT64_ARRAY, 1, new byte[8]).bytes()), "uint64 array");
        refused(TokenForge.token(genuine().string("toname", "p/f@s").string("toguid2", "x").uint64("x", 1).bytes()),
                "unknown field");
        refused(TokenForge.token(genuine().uint64("toname", 1).bytes()), "'toname' has the wrong type");
        refused(TokenForge.token(genuine().nvflag(0).string("toname", "p/f@s").bytes()), "NV_UNIQUE_NAME");
    }

    @Test
    void fletcher4MatchesTheCapturedChecksums() {
        for (String kind : new String[] {"full", "incremental", "raw", "flags"}) {
            String[] p = captured("2.1.11", kind).split("-");
            byte[] z = java.util.HexFormat.of().parseHex(p[3]);
            assertEquals(Long.parseUnsignedLong(p[1], 16), ResumeTokenDecoder.fletcher4Word0(z, ByteOrder.LITTLE_ENDIAN));
            assertEquals(TokenForge.fletcher4Word0(z), ResumeTokenDecoder.fletcher4Word0(z, ByteOrder.LITTLE_ENDIAN));
        }
    }
}
