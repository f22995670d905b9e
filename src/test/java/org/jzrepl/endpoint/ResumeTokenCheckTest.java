package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;
import org.jzrepl.zfs.ResumeToken;
import org.jzrepl.zfs.SendDryRun;
import org.jzrepl.zfs.VersionType;

class ResumeTokenCheckTest {

    private static final DatasetPath FS = DatasetPath.parse("pool/data");
    private static final Guid TO = new Guid(1001);
    private static final Guid FROM = new Guid(1000);

    private static ResumeToken token(String toName, Guid to, Optional<Guid> from, boolean raw) {
        return new ResumeToken("1-abc-def", toName, to, from, raw, false, false, false);
    }

    @Test
    void acceptsAFullTokenMatchingTheRequest() {
        assertEquals(Optional.empty(), ResumeTokenCheck.mismatch(
                token("pool/data@b", TO, Optional.empty(), false), FS, TO, Optional.empty(), false));
    }

    @Test
    void acceptsAnIncrementalRawTokenMatchingARawSender() {
        assertEquals(Optional.empty(), ResumeTokenCheck.mismatch(
                token("pool/data@b", TO, Optional.of(FROM), true), FS, TO, Optional.of(FROM), true));
    }

    static Stream<Arguments> mismatches() {
        return Stream.of(
                Arguments.of("other filesystem", token("pool/other@b", TO, Optional.empty(), false),
                        Optional.empty(), false, "not for filesystem pool/data"),
                Arguments.of("child filesystem", token("pool/data/child@b", TO, Optional.empty(), false),
                        Optional.empty(), false, "not for filesystem"),
                Arguments.of("parent filesystem", token("pool@b", TO, Optional.empty(), false),
                        Optional.empty(), false, "not for filesystem"),
                Arguments.of("no snapshot in toname", token("pool/data", TO, Optional.empty(), false),
                        Optional.empty(), false, "not a snapshot"),
                Arguments.of("other toguid", token("pool/data@b", new Guid(7), Optional.empty(), false),
                        Optional.empty(), false, "toguid 7"),
                Arguments.of("incremental token, full request", token("pool/data@b", TO, Optional.of(FROM), false),
                        Optional.empty(), false, "request is a full send"),
                Arguments.of("full token, incremental request", token("pool/data@b", TO, Optional.empty(), false),
                        Optional.of(FROM), false, "for a full send"),
                Arguments.of("other fromguid", token("pool/data@b", TO, Optional.of(new Guid(9)), false),
                        Optional.of(FROM), false, "fromguid 9"),
                Arguments.of("raw token, non-raw sender", token("pool/data@b", TO, Optional.empty(), true),
                        Optional.empty(), false, "raw (encrypted) send"),
                Arguments.of("plain token, raw sender", token("pool/data@b", TO, Optional.empty(), false),
                        Optional.empty(), true, "decrypted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatches")
    void namesTheMismatch(String what, ResumeToken t, Optional<Guid> from, boolean raw, String expected) {
        Optional<String> why = ResumeTokenCheck.mismatch(t, FS, TO, from, raw);
        assertTrue(why.isPresent(), what);
        assertTrue(why.get().contains(expected), why.get());
    }

    private static final FilesystemVersion A = new FilesystemVersion(VersionType.SNAPSHOT, "a", FROM, 10,
            Instant.parse("2026-01-01T00:00:00Z"));
    private static final FilesystemVersion A_MARK = new FilesystemVersion(VersionType.BOOKMARK, "a", FROM, 10,
            Instant.parse("2026-01-01T00:00:00Z"));
    private static final FilesystemVersion B = new FilesystemVersion(VersionType.SNAPSHOT, "b", TO, 20,
            Instant.parse("2026-01-02T00:00:00Z"));
    private static final FilesystemVersion OTHER_MARK = new FilesystemVersion(VersionType.BOOKMARK, "x", new Guid(5),
            5, Instant.parse("2025-12-31T00:00:00Z"));
    private static final DatasetInfo DS = new DatasetInfo(FS, DatasetType.FILESYSTEM, new Guid(1), Optional.empty(),
            false, "off", KeyStatus.NONE, Optional.empty(), List.of(OTHER_MARK, A, A_MARK, B));

    private static SendDryRun dry(String from, String to) {
        return new SendDryRun(Optional.ofNullable(from), to, 100);
    }

    @Test
    void acceptsWhatZfsResolvedWhenItIsExactlyTheRequest() {
        assertEquals(Optional.empty(), ResumeTokenCheck.resolvedMismatch(dry(null, "pool/data@b"), DS, B,
                Optional.empty()));
        assertEquals(Optional.empty(), ResumeTokenCheck.resolvedMismatch(dry("pool/data@a", "pool/data@b"), DS, B,
                Optional.of(A)));
        assertEquals(Optional.empty(), ResumeTokenCheck.resolvedMismatch(dry("pool/data#a", "pool/data@b"), DS, B,
                Optional.of(A)), "zfs may name the bookmark of the requested source's guid");
    }

    static Stream<Arguments> resolvedMismatches() {
        return Stream.of(
                Arguments.of("another dataset's snapshot", dry(null, "pool/secret@x"), Optional.empty(),
                        "to pool/secret@x, not to the requested pool/data@b"),
                Arguments.of("another snapshot of this dataset", dry(null, "pool/data@a"), Optional.empty(),
                        "not to the requested"),
                Arguments.of("a child's snapshot of the same name", dry(null, "pool/data/c@b"), Optional.empty(),
                        "not to the requested"),
                Arguments.of("incremental for a full request", dry("pool/data@a", "pool/data@b"), Optional.empty(),
                        "request is a full send"),
                Arguments.of("full for an incremental request", dry(null, "pool/data@b"), Optional.of(A),
                        "request is incremental"),
                Arguments.of("source in another dataset", dry("pool/secret@a", "pool/data@b"), Optional.of(A),
                        "source to pool/secret@a"),
                Arguments.of("source of another guid", dry("pool/data#x", "pool/data@b"), Optional.of(A),
                        "requested guid 1000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resolvedMismatches")
    void namesWhereZfsResolutionDiffers(String what, SendDryRun dry, Optional<FilesystemVersion> from,
                                        String expected) {
        Optional<String> why = ResumeTokenCheck.resolvedMismatch(dry, DS, B, from);
        assertTrue(why.isPresent(), what);
        assertTrue(why.get().contains(expected), why.get());
    }
}
