package org.jzrepl.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A name refused by validation came from a request or from zfs: the error quotes it escaped, so
 * logging the error cannot forge a line.
 */
class NamesInMessagesTest {
    private static final String EVIL = "a\n2026-01-01 INFO forged\u001b[31m";
    private static final String ESCAPED = "a\\n2026-01-01 INFO forged\\x1b[31m";

    @Test
    void refusedNamesAreQuotedEscaped() {
        List<Executable> refusals = List.of(
                () -> DatasetPath.parse("pool/" + EVIL),
                () -> DatasetPath.parse("/" + EVIL),
                () -> VersionRef.parse("@" + EVIL),
                () -> VersionRef.parse(EVIL),
                () -> VersionRef.checkName(EVIL),
                () -> Guid.parse(EVIL),
                () -> Guid.parseHex(EVIL),
                () -> KeyStatus.fromZfs(EVIL),
                () -> DatasetType.fromZfs(EVIL),
                () -> RecvArgs.checkProperty(EVIL));
        for (Executable refusal : refusals) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, refusal::run);
            String m = e.getMessage();
            assertEquals(true, m.contains(ESCAPED), m);
            assertEquals(-1, m.indexOf('\n'), m);
            assertEquals(-1, m.indexOf('\u001b'), m);
        }
    }

    /** The executable of a refusal. */
    @FunctionalInterface
    interface Executable {
        void run() throws Exception;
    }
}
