package org.jzrepl.zfs.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.ResumeToken;

/** Size estimates and resume-token contents from captured {@code zfs send -n -v [-P]} output. */
class SendDryRunParserTest {

    static final Map<String, DatasetInfo> TREE = ListParser.parse(Captured.read("list-tree.out")).stream()
            .collect(Collectors.toMap(d -> d.path().name(), Function.identity()));

    static Guid snapshotGuid(String fs, String snap) {
        return TREE.get(fs).snapshots().stream().filter(v -> v.name().equals(snap)).findFirst().orElseThrow().guid();
    }

    @Test
    void readsTheSizeLineOfEachKindOfDryRun() {
        assertEquals(3206064L, SendDryRunParser.estimatedSize(Captured.read("send-nvP-full.out")));
        assertEquals(1087536L, SendDryRunParser.estimatedSize(Captured.read("send-nvP-incremental.out")));
        assertEquals(1087536L, SendDryRunParser.estimatedSize(Captured.read("send-nvP-bookmark.out")));
        assertEquals(1125424L, SendDryRunParser.estimatedSize(Captured.read("send-nvP-raw-flags.out")));
        assertEquals(949672L, SendDryRunParser.estimatedSize(Captured.read("send-nvP-token-incremental.out")));
    }

    @Test
    void rejectsOutputWithoutASizeLine() {
        assertThrows(IllegalArgumentException.class,
                () -> SendDryRunParser.estimatedSize(Captured.read("send-nvt-full.out")));
        assertThrows(IllegalArgumentException.class, () -> SendDryRunParser.estimatedSize("size\t-5\n"));
    }

    @Test
    void decodesAFullSendToken() {
        String token = Captured.token("full");
        ResumeToken t = SendDryRunParser.resumeToken(token, Captured.read("send-nvt-full.out"));
        assertEquals(token, t.token());
        assertEquals("cap/src@b", t.toName());
        assertEquals(snapshotGuid("cap/src", "b"), t.toGuid());
        assertEquals(Optional.empty(), t.fromGuid());
        assertFalse(t.raw() || t.compressed() || t.embedded() || t.largeBlocks());
    }

    @Test
    void decodesAnIncrementalTokenWithTheFromGuid() {
        ResumeToken t = SendDryRunParser.resumeToken(Captured.token("incremental"),
                Captured.read("send-nvt-incremental.out"));
        assertEquals(Optional.of(snapshotGuid("cap/src", "a")), t.fromGuid());
        assertEquals(snapshotGuid("cap/src", "b"), t.toGuid());
        assertTrue(t.isIncremental());
    }

    @Test
    void decodesTheStreamFlagsOfRawAndCompressedTokens() {
        ResumeToken raw = SendDryRunParser.resumeToken(Captured.token("raw"), Captured.read("send-nvt-raw.out"));
        assertTrue(raw.raw());
        assertTrue(raw.compressed());
        assertEquals("cap/enc@e1", raw.toName());
        ResumeToken flags = SendDryRunParser.resumeToken(Captured.token("flags"), Captured.read("send-nvt-flags.out"));
        assertFalse(flags.raw());
        assertTrue(flags.embedded());
        assertTrue(flags.compressed());
    }

    @Test
    void decodesTheContentsZfsPrintsBeforeFailingOnAMissingSnapshot() {
        String out = Captured.read("err-send-token-stale.out");
        assertTrue(SendDryRunParser.hasTokenContents(out));
        ResumeToken t = SendDryRunParser.resumeToken("1-0-0", out);
        assertEquals("cap/src@t1", t.toName());
        assertEquals(Guid.parseHex("9d9c6ef9ec00dc2a"), t.toGuid());
    }

    @Test
    void rejectsContentsWithoutTonameOrToguid() {
        assertThrows(IllegalArgumentException.class, () -> SendDryRunParser.resumeToken("1-0-0", "nothing here"));
        assertThrows(IllegalArgumentException.class, () -> SendDryRunParser.resumeToken("1-0-0",
                "resume token contents:\nnvlist version: 0\n\ttoguid = 0x1\n"));
        assertThrows(IllegalArgumentException.class, () -> SendDryRunParser.resumeToken("1-0-0",
                "resume token contents:\n\ttoguid = 12\n\ttoname = p/f@s\n"));
    }
}
