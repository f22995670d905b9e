package org.jzrepl.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Validation of {@link SendArgs}, {@link RecvArgs} and {@link VersionRef}. */
class StreamArgsTest {

    static final DatasetPath FS = DatasetPath.parse("pool/fs");

    @Test
    void sendNamesItsTargetSnapshot() {
        SendArgs a = SendArgs.incremental(FS, VersionRef.bookmark("c1"), "s2", SendFlags.NONE);
        assertEquals("pool/fs@s2", a.toName());
        assertFalse(a.isResume());
        assertTrue(SendArgs.resume(FS, "s2", "1-ab-cd").isResume());
    }

    @Test
    void sendRejectsAnIncrementalFromTheTargetItself() {
        assertThrows(IllegalArgumentException.class,
                () -> SendArgs.incremental(FS, VersionRef.snapshot("s"), "s", SendFlags.NONE));
    }

    @Test
    void sendAcceptsABookmarkNamedLikeTheTarget() {
        assertEquals(Optional.of(VersionRef.bookmark("s")),
                SendArgs.incremental(FS, VersionRef.bookmark("s"), "s", SendFlags.NONE).from());
    }

    @Test
    void sendRejectsBadNamesAndTokensThatCouldBeOptions() {
        assertThrows(IllegalArgumentException.class, () -> SendArgs.full(FS, "a@b", SendFlags.NONE));
        assertThrows(IllegalArgumentException.class, () -> SendArgs.full(FS, "", SendFlags.NONE));
        assertThrows(IllegalArgumentException.class, () -> SendArgs.resume(FS, "s", "1-ab cd"));
        assertThrows(IllegalArgumentException.class, () -> SendArgs.resume(FS, "s", " "));
    }

    @Test
    void recvRejectsAPropertyBothExcludedAndOverridden() {
        RecvArgs base = RecvArgs.of(DatasetPath.parse("b/fs"));
        assertThrows(IllegalArgumentException.class,
                () -> base.withProperties(List.of("mountpoint"), Map.of("mountpoint", "/x")));
    }

    @Test
    void recvRejectsInvalidPropertyNamesAndValuesWithNewlines() {
        RecvArgs base = RecvArgs.of(DatasetPath.parse("b/fs"));
        assertThrows(IllegalArgumentException.class, () -> base.withProperties(List.of("-F"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> base.withProperties(List.of("Mount"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> base.withProperties(List.of(), Map.of("a:b", "x\ny")));
        assertEquals(Map.of("jzrepl:x", "a b"), base.withProperties(List.of(), Map.of("jzrepl:x", "a b")).override());
    }

    @Test
    void versionRefParsesAndPrintsBothKinds() {
        assertEquals(VersionRef.snapshot("a"), VersionRef.parse("@a"));
        assertEquals(VersionRef.bookmark("b"), VersionRef.parse("#b"));
        assertEquals("p/fs#b", VersionRef.parse("#b").fullName(DatasetPath.parse("p/fs")));
        assertThrows(IllegalArgumentException.class, () -> VersionRef.parse("a"));
        assertThrows(IllegalArgumentException.class, () -> VersionRef.parse("@"));
        assertThrows(IllegalArgumentException.class, () -> VersionRef.parse("@a#b"));
    }
}
