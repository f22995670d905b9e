package org.jzrepl.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.VersionType;

/**
 * Table tests of {@link Protection}. Versions are written as {@code @name:guid} (snapshot) and
 * {@code #name:guid} (bookmark), oldest first; the expected protection as
 * {@code name=reason-fragment|reason-fragment}, one entry per protected snapshot.
 */
class ProtectionTest {

    private static final String CUR_A = "#jzrepl_CURSOR_G_0000000000000003_J_pull_a:3";
    private static final String CUR_B = "#jzrepl_CURSOR_G_0000000000000002_J_other:2";
    private static final String ZCUR = "#zrepl_CURSOR_G_0000000000000001_J_legacy:1";
    private static final String TENT = "#jzrepl_CURSORTENTATIVE_G_0000000000000004_J_pull_a:4";
    private static final String ALICE = "#jzrepl_CURSOR_G_0000000000000003_C5_alice_J_src:3";
    private static final String BOB = "#jzrepl_CURSOR_G_0000000000000001_C3_bob_J_src:1";
    private static final String LEGACY = "#jzrepl_CURSOR_G_0000000000000002_J_src:2";

    static Stream<Arguments> senderCases() {
        return Stream.of(
                Arguments.of("no cursor, no receiver: nothing protected",
                        "@a:1 @b:2 @c:3", null, "", List.of()),
                Arguments.of("each job's cursor protects its snapshot; zrepl's too",
                        "@a:1 @b:2 @c:3 @d:4 " + CUR_A + " " + CUR_B + " " + ZCUR, null, "",
                        List.of("a=replication cursor of zrepl job legacy", "b=replication cursor of job other",
                                "c=replication cursor of job pull_a")),
                Arguments.of("one source job, two clients: each client's cursor, and the legacy job-only one",
                        "@a:1 @b:2 @c:3 @d:4 " + ALICE + " " + BOB + " " + LEGACY, null, "",
                        List.of("a=replication cursor of client bob of job src", "b=replication cursor of job src",
                                "c=replication cursor of client alice of job src")),
                Arguments.of("a tentative cursor protects the step's target",
                        "@a:1 @d:4 " + TENT, null, "", List.of("d=tentative cursor of job pull_a")),
                Arguments.of("cursor and receiver agree: base named with the cursor",
                        "@a:1 @b:2 @c:3 @d:4 " + CUR_A, "@a:1 @b:2 @c:3", "",
                        List.of("c=replication cursor of job pull_a|incremental base of client X (its newest snapshot the sender has)")),
                Arguments.of("cursor missing: the snapshot it would point at",
                        "@a:1 @b:2 @c:3 @d:4", "@a:1 @b:2 @c:3", "",
                        List.of("c=incremental base of client X (its newest snapshot the sender has; no cursor points at it")),
                Arguments.of("lost sendCompleted: cursor behind, both kept",
                        "@a:1 @b:2 @c:3 @d:4 " + CUR_B, "@a:1 @b:2 @c:3", "",
                        List.of("b=replication cursor of job other", "c=incremental base of client X")),
                Arguments.of("receiver base only a sender bookmark: no snapshot to protect",
                        "#b:2 @c:3 @d:4", "@a:1 @b:2", "", List.of()),
                Arguments.of("receiver diverged: the newest common one is still the base",
                        "@a:1 @b:2 @c:3", "@a:1 @b:2 @x:99", "", List.of("b=incremental base of client X")),
                Arguments.of("receiver without the filesystem yet: nothing for it",
                        "@a:1 @b:2", "", "", List.of()),
                Arguments.of("partial receive: from and to",
                        "@a:1 @b:2 @c:3 @d:4", "@a:1 @b:2", "2>4",
                        List.of("b=incremental base of client X|the partial receive of client X resumes from it",
                                "d=the partial receive of client X resumes to it")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senderCases")
    void sender(String name, String sender, String receiver, String resume, List<String> expected) {
        Optional<Protection.Peer> peer = Optional.empty();
        if (receiver != null) {
            Optional<Guid> from = resume.isEmpty() ? Optional.empty() : Optional.of(new Guid(Long.parseLong(resume.split(">")[0])));
            Optional<Guid> to = resume.isEmpty() ? Optional.empty() : Optional.of(new Guid(Long.parseLong(resume.split(">")[1])));
            peer = Optional.of(new Protection.Peer("X", versions(receiver), from, to));
        }
        assertMatches(expected, Protection.onSender(versions(sender), peer));
    }

    /** The client's own cursor, as the sender reports it, decides "no cursor points at it". */
    static Stream<Arguments> ownCursorCases() {
        return Stream.of(
                Arguments.of("another client's cursor at X's base is not X's cursor",
                        "@a:1 @b:2 @c:3 " + ALICE, "@a:1 @b:2 @c:3", 1L,
                        List.of("c=replication cursor of client alice of job src|incremental base of client X (its newest"
                                + " snapshot the sender has; no cursor points at it")),
                Arguments.of("X's own cursor at its base",
                        "@a:1 @b:2 @c:3 " + ALICE, "@a:1 @b:2 @c:3", 3L,
                        List.of("c=replication cursor of client alice of job src|incremental base of client X (its newest"
                                + " snapshot the sender has)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ownCursorCases")
    void senderWithTheClientsOwnCursor(String name, String sender, String receiver, long own, List<String> expected) {
        Protection.Peer peer = new Protection.Peer("X", versions(receiver), Optional.empty(), Optional.empty(),
                Optional.of(new Guid(own)));
        Map<String, List<String>> got = Protection.onSender(versions(sender), Optional.of(peer));
        assertMatches(expected, got);
        if (own == 3L) {
            assertEquals(false, got.get("c").get(1).contains("no cursor"), got.toString());
        }
    }

    static Stream<Arguments> receiverCases() {
        return Stream.of(
                Arguments.of("in sync: the newest is the base",
                        "@a:1 @b:2 @c:3", "@a:1 @b:2 @c:3", "",
                        List.of("c=newest snapshot the sender still has|newest snapshot on the receiver")),
                Arguments.of("sender pruned down to a bookmark of the base: still protected",
                        "@a:1 @b:2 @c:3", "#c:3 @d:4", "",
                        List.of("c=newest snapshot the sender still has|newest snapshot on the receiver")),
                Arguments.of("sender has newer ones only for the older base",
                        "@a:1 @b:2 @c:3", "@b:2 @d:4", "",
                        List.of("b=newest snapshot the sender still has", "c=newest snapshot on the receiver")),
                Arguments.of("receiver bookmarks are not the base",
                        "@a:1 #b:2 @c:9", "@a:1 @b:2", "",
                        List.of("a=newest snapshot the sender still has", "c=newest snapshot on the receiver")),
                Arguments.of("nothing in common: only the newest",
                        "@a:1 @b:2", "@x:7", "", List.of("b=newest snapshot on the receiver")),
                Arguments.of("a partial receive builds on its from",
                        "@a:1 @b:2 @c:3", "@a:1 @b:2 @c:3 @d:4", "1",
                        List.of("a=a partial receive builds on it", "c=newest snapshot the sender still has|newest snapshot on the receiver")),
                Arguments.of("empty receiver", "", "@a:1", "", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receiverCases")
    void receiver(String name, String receiver, String sender, String resumeFrom, List<String> expected) {
        Optional<Guid> from = resumeFrom.isEmpty() ? Optional.empty() : Optional.of(new Guid(Long.parseLong(resumeFrom)));
        assertMatches(expected, Protection.onReceiver(versions(receiver), versions(sender), from));
    }

    /** Each expected entry names a protected snapshot; each of its fragments starts one of its reasons, in order. */
    private static void assertMatches(List<String> expected, Map<String, List<String>> got) {
        Map<String, String> exp = new TreeMap<>();
        for (String e : expected) {
            exp.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        assertEquals(exp.keySet(), new TreeMap<>(got).keySet(), "protected snapshots: " + got);
        for (Map.Entry<String, String> e : exp.entrySet()) {
            String[] fragments = e.getValue().split("\\|");
            List<String> reasons = got.get(e.getKey());
            assertEquals(fragments.length, reasons.size(), e.getKey() + ": " + reasons);
            for (int i = 0; i < fragments.length; i++) {
                String f = fragments[i];
                String r = reasons.get(i);
                if (!r.startsWith(f)) {
                    throw new AssertionError(e.getKey() + " reason " + i + ": expected to start with '" + f + "', got '" + r + "'");
                }
            }
        }
    }

    /** Parses {@code @a:1 #b:2 ...}; createtxg is the position. */
    static List<FilesystemVersion> versions(String spec) {
        List<FilesystemVersion> out = new ArrayList<>();
        if (spec.isBlank()) {
            return out;
        }
        long txg = 10;
        for (String t : spec.trim().split(" +")) {
            VersionType type = t.charAt(0) == '@' ? VersionType.SNAPSHOT : VersionType.BOOKMARK;
            String[] nameGuid = t.substring(1).split(":");
            long guid = Long.parseLong(nameGuid[1]);
            // a bookmark has the createtxg of its snapshot: the same guid, the same txg
            long at = out.stream().filter(v -> v.guid().value() == guid).mapToLong(FilesystemVersion::createTxg)
                    .findFirst().orElse(txg += 10);
            out.add(new FilesystemVersion(type, nameGuid[0], new Guid(guid), at, Instant.ofEpochSecond(at)));
        }
        return out;
    }
}
