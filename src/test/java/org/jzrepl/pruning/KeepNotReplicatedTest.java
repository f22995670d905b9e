package org.jzrepl.pruning;

import static org.jzrepl.pruning.CursorPosition.AFTER;
import static org.jzrepl.pruning.CursorPosition.AT;
import static org.jzrepl.pruning.CursorPosition.BEFORE;
import static org.jzrepl.pruning.CursorPosition.NO_CURSOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jzrepl.pruning.Snaps.at;
import static org.jzrepl.pruning.Snaps.kept;
import static org.jzrepl.pruning.Snaps.names;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** zrepl's {@code keep_not_replicated_test.go}, plus the cursor cases of its pruner. */
class KeepNotReplicatedTest {

    private static final List<PruneCandidate> AROUND_CURSOR =
            List.of(at("old", BEFORE), at("cursor", AT), at("new1", AFTER), at("new2", AFTER));

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("keeps only what is not replicated", true,
                        List.of(at("1", BEFORE), at("2", AFTER), at("3", BEFORE)), names("2")),
                Arguments.of("keeps nothing of an empty filesystem", true, List.of(), names()),
                Arguments.of("keeps the snapshot at the cursor by default", true, AROUND_CURSOR,
                        names("cursor", "new1", "new2")),
                Arguments.of("without keep_snapshot_at_cursor counts the cursor's snapshot as replicated", false,
                        AROUND_CURSOR, names("new1", "new2")),
                Arguments.of("keeps everything when the target lacks the cursor's snapshot", true,
                        List.of(at("a", AFTER), at("b", AFTER)), names("a", "b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void keepsWhatTheReceiverDoesNotHave(String name, boolean keepAtCursor, List<PruneCandidate> snaps,
                                         Set<String> keep) {
        assertEquals(keep, kept(new KeepNotReplicated(keepAtCursor), snaps));
    }

    @Test
    void cannotDecideWithoutACursor() {
        assertTrue(new KeepNotReplicated(true).keeps(List.of(at("a", NO_CURSOR), at("b", NO_CURSOR))).isEmpty());
    }

    @Test
    void saysWhyItKeeps() {
        assertEquals(Map.of(AROUND_CURSOR.get(1), "at the replication cursor", AROUND_CURSOR.get(2),
                        "not replicated yet", AROUND_CURSOR.get(3), "not replicated yet"),
                new KeepNotReplicated(true).keeps(AROUND_CURSOR).orElseThrow());
    }
}
