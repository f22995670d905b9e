package org.jzrepl.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jzrepl.endpoint.Messages.ClientCursor;
import org.jzrepl.endpoint.Messages.ReplicationCursorResponse;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;

/**
 * {@code not_replicated} on a sender serving several clients: a snapshot counts as replicated
 * only when every client's cursor is at or past it, the clients' cursors coming from the sender's
 * {@code replicationCursor} answer. Sender versions as in {@link ProtectionTest} ({@code @a:1}).
 */
class NotReplicatedToEveryClientTest {

    private static final String SENDER = "@a:1 @b:2 @c:3 @d:4 @e:5";

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("one client: from its cursor on", cursors("c", 3), true, "c d e"),
                Arguments.of("two clients: from the one furthest behind", cursors("c", 3, "d", 2), true, "b c d e"),
                Arguments.of("two clients, snapshot at cursor counts as replicated", cursors("c", 3, "d", 2), false,
                        "c d e"),
                Arguments.of("a client's cursor the sender lacks: nothing counts as replicated",
                        cursors("c", 3, "x", 99), true, "a b c d e"),
                Arguments.of("an older peer lists no clients: its own cursor alone",
                        new ReplicationCursorResponse("4", null), true, "d e"),
                Arguments.of("no cursor at all: not pruned", new ReplicationCursorResponse(null, null), true, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void keepsWhatSomeClientLacks(String name, ReplicationCursorResponse rc, boolean keepAtCursor, String kept) {
        List<FilesystemVersion> sender = ProtectionTest.versions(SENDER);
        FilesystemPrunePlan plan = FilesystemPlanner.plan("pool/data", sender, SidePlanner.clientCursors(rc), sender,
                List.of(new KeepNotReplicated(keepAtCursor)), Map.of());
        if (kept == null) {
            assertEquals(true, plan.isSkipped(), plan.toString());
            return;
        }
        TreeSet<String> all = new TreeSet<>(List.of("a", "b", "c", "d", "e"));
        TreeSet<String> keep = new TreeSet<>(List.of(kept.split(" ")));
        all.removeAll(keep);
        assertEquals(new ArrayList<>(all), plan.destroy(), plan.toString());
    }

    /** Pairs of client name and cursor guid. */
    private static ReplicationCursorResponse cursors(Object... clientGuid) {
        List<ClientCursor> cs = new ArrayList<>();
        for (int i = 0; i < clientGuid.length; i += 2) {
            cs.add(new ClientCursor((String) clientGuid[i], new Guid((Integer) clientGuid[i + 1]).decimal()));
        }
        return new ReplicationCursorResponse(cs.get(0).guid(), cs);
    }
}
