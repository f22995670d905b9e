package org.jzrepl.zfs.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;
import org.jzrepl.zfs.ResumeToken;
import org.jzrepl.zfs.ResumeTokenDecoder;
import org.jzrepl.zfs.SendDryRun;

/**
 * The parsers against the outputs of every captured OpenZFS version, checked against each other
 * (a token names the guid the listing shows), so a format change between versions shows up here.
 */
class CapturedVersionsTest {

    static List<String> versions() {
        return Captured.VERSIONS;
    }

    private static Map<String, DatasetInfo> tree(String v) {
        return ListParser.parse(Captured.read(v, "list-tree.out")).stream()
                .collect(Collectors.toMap(d -> d.path().name(), Function.identity()));
    }

    private static Guid snap(Map<String, DatasetInfo> tree, String fs, String name) {
        return tree.get(fs).snapshots().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().guid();
    }

    @ParameterizedTest
    @MethodSource("versions")
    void listingHasTheSameShapeInEveryVersion(String v) {
        Map<String, DatasetInfo> t = tree(v);
        assertEquals(12, t.size());
        assertEquals(List.of("#a", "@a", "@b"), t.get("cap/src").versions().stream().map(x -> x.relativeName()).toList());
        assertEquals(KeyStatus.UNAVAILABLE, t.get("cap/dst/enc").keyStatus());
        assertEquals(Optional.of(Captured.token(v, "full")), t.get("cap/dst/partial").resumeToken());
        assertEquals(java.util.Set.of("cap/dst", "cap/dst/ph2"),
                ColumnParsers.localPlaceholders(Captured.read(v, "get-placeholders-local.out")));
    }

    @ParameterizedTest
    @MethodSource("versions")
    void tokensDecodeToTheGuidsTheListingShowsAndZfsPrints(String v) {
        Map<String, DatasetInfo> t = tree(v);
        ResumeToken inc = ResumeTokenDecoder.decode(Captured.token(v, "incremental"));
        assertEquals(Optional.of(snap(t, "cap/src", "a")), inc.fromGuid());
        assertEquals(snap(t, "cap/src", "b"), inc.toGuid());
        ResumeToken raw = ResumeTokenDecoder.decode(Captured.token(v, "raw"));
        assertEquals(snap(t, "cap/enc", "e1"), raw.toGuid());
        assertTrue(raw.raw());
        for (String kind : List.of("incremental", "full", "raw", "flags")) {
            ResumeToken token = ResumeTokenDecoder.decode(Captured.token(v, kind));
            String printed = Captured.read(v, "send-nvt-" + kind + ".out");
            assertTrue(printed.contains("\ttoguid = 0x" + Long.toHexString(token.toGuid().value()) + "\n"), kind);
            assertTrue(printed.contains("\ttoname = " + token.toName() + "\n"), kind);
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void aResumedDryRunNamesWhatZfsResolved(String v) {
        SendDryRun dry = SendDryRunParser.dryRun(Captured.read(v, "send-nvP-token-incremental.out"));
        assertEquals(Optional.of("cap/src@a"), dry.from());
        assertEquals("cap/src@b", dry.to());
    }

    @ParameterizedTest
    @MethodSource("versions")
    void dryRunSizesAreParsedAndPlausible(String v) {
        long full = SendDryRunParser.estimatedSize(Captured.read(v, "send-nvP-full.out"));
        long inc = SendDryRunParser.estimatedSize(Captured.read(v, "send-nvP-incremental.out"));
        assertEquals(inc, SendDryRunParser.estimatedSize(Captured.read(v, "send-nvP-bookmark.out")));
        assertTrue(full > 3 << 20 && inc > 1 << 20 && inc < full, full + " " + inc);
        assertTrue(SendDryRunParser.estimatedSize(Captured.read(v, "send-nvP-token-incremental.out")) < inc);
    }
}
