package org.jzrepl.zfs.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jzrepl.zfs.DatasetBusyException;
import org.jzrepl.zfs.DatasetExistsException;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.ResumeTokenException;
import org.jzrepl.zfs.ZfsException;
import org.jzrepl.zfs.ZfsPermissionException;

/** Every failure captured from real zfs maps to the exception a caller can act on. */
class ZfsErrorParserTest {

    static final Map<String, Class<? extends ZfsException>> EXPECTED = Map.ofEntries(
            Map.entry("err-destroy-missing-snapshot", DatasetNotFoundException.class),
            Map.entry("err-destroy-held-snapshot", DatasetBusyException.class),
            Map.entry("err-destroy-comma-held", DatasetBusyException.class),
            Map.entry("err-destroy-missing-bookmark", DatasetNotFoundException.class),
            Map.entry("err-destroy-missing-dataset", DatasetNotFoundException.class),
            Map.entry("err-destroy-has-children", ZfsException.class),
            Map.entry("err-list-missing", DatasetNotFoundException.class),
            Map.entry("err-create-existing", DatasetExistsException.class),
            Map.entry("err-create-missing-parent", DatasetNotFoundException.class),
            Map.entry("err-snapshot-existing", DatasetExistsException.class),
            Map.entry("err-snapshot-missing-fs", DatasetNotFoundException.class),
            Map.entry("err-bookmark-existing", DatasetExistsException.class),
            Map.entry("err-bookmark-missing-snapshot", DatasetNotFoundException.class),
            Map.entry("err-hold-existing", DatasetExistsException.class),
            Map.entry("err-hold-missing-snapshot", DatasetNotFoundException.class),
            Map.entry("err-release-missing-tag", DatasetNotFoundException.class),
            Map.entry("err-holds-missing", DatasetNotFoundException.class),
            Map.entry("err-get-missing", DatasetNotFoundException.class),
            Map.entry("err-set-missing", DatasetNotFoundException.class),
            Map.entry("err-send-missing-snapshot", DatasetNotFoundException.class),
            Map.entry("err-send-missing-from", DatasetNotFoundException.class),
            Map.entry("err-send-token-corrupt", ResumeTokenException.class),
            Map.entry("err-send-token-garbage", ResumeTokenException.class),
            Map.entry("err-send-token-stale", ResumeTokenException.class),
            Map.entry("err-send-token-stale-real", ResumeTokenException.class),
            Map.entry("err-recv-existing", DatasetExistsException.class),
            Map.entry("err-recv-partial-state-exists", DatasetExistsException.class),
            Map.entry("err-recv-abort-nothing", DatasetNotFoundException.class),
            Map.entry("err-recv-abort-missing", DatasetNotFoundException.class),
            Map.entry("err-recv-truncated", ZfsException.class),
            Map.entry("err-recv-incremental-missing-target", DatasetNotFoundException.class),
            Map.entry("err-recv-incremental-modified", ZfsException.class),
            Map.entry("err-recv-incremental-unrelated", ZfsException.class),
            Map.entry("err-permission", ZfsPermissionException.class));

    static Stream<Arguments> capturedFailures() {
        return Captured.VERSIONS.stream().flatMap(v -> Captured.exitCodes(v).entrySet().stream()
                .filter(e -> e.getKey().startsWith("err-"))
                .map(e -> Arguments.of(v, e.getKey(), e.getValue())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("capturedFailures")
    void mapsCapturedStderrToTheExpectedTypeKeepingTheRawText(String version, String name, int exit) {
        assertTrue(EXPECTED.containsKey(name), "no expectation for captured case " + name);
        String stderr = Captured.read(version, name + ".err");
        assertFalse(stderr.isBlank(), name + " has no stderr");
        assertTrue(exit != 0, name + " exited 0");
        List<String> cmd = List.of(name.split("-")[1], "x");

        ZfsException e = ZfsErrorParser.parse(cmd, exit, stderr);

        assertEquals(EXPECTED.get(name), e.getClass(), stderr);
        assertEquals(stderr, e.stderr());
        assertEquals(exit, e.exitCode());
        assertEquals(cmd, e.command());
        assertTrue(e.getMessage().contains(stderr.strip().split("\n")[0]), e.getMessage());
    }

    @Test
    void everyExpectationHasACapturedCaseInEveryVersion() {
        for (String v : Captured.VERSIONS) {
            assertTrue(Captured.exitCodes(v).keySet().containsAll(EXPECTED.keySet()), v);
        }
    }

    @Test
    void unknownOrEmptyStderrIsAGenericException() {
        ZfsException e = ZfsErrorParser.parse(List.of("list"), 1, "");
        assertEquals(ZfsException.class, e.getClass());
        assertEquals("zfs list (exit 1): failed without a message", e.getMessage());
    }

    /** zfs echoes names and values it was given: the message is one escaped line, stderr() stays raw. */
    @Test
    void messageIsOneEscapedLineAndStderrStaysRaw() {
        String stderr = "cannot open 'pool/x\u001b[31m': dataset does not exist\n2026-01-01 INFO forged line\n";
        ZfsException e = ZfsErrorParser.parse(List.of("list", "pool/x"), 1, stderr);
        assertEquals(DatasetNotFoundException.class, e.getClass());
        assertEquals("zfs list (exit 1): cannot open 'pool/x\\x1b[31m': dataset does not exist\\n2026-01-01 INFO forged line",
                e.getMessage());
        assertEquals(stderr, e.stderr());
    }

    /** A line zfs list printed that the parser refuses is quoted escaped. */
    @Test
    void listParserQuotesARefusedLineEscaped() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ListParser.parse("pool/a\u001b[2J\tfilesystem\t1"));
        assertTrue(e.getMessage().contains("'pool/a\\x1b[2J\\tfilesystem\\t1'"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\u001b'), e.getMessage());
    }
}
