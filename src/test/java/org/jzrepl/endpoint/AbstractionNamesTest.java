package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jzrepl.zfs.Guid;

class AbstractionNamesTest {

    private static final Guid GUID = Guid.parse("12345678901234567890");

    @Test
    void buildsTheDocumentedNames() {
        assertEquals("jzrepl_STEP_J_prod", AbstractionNames.stepHold("prod"));
        assertEquals("jzrepl_last_received_J_prod", AbstractionNames.lastReceivedHold("prod"));
        assertEquals("jzrepl_CURSOR_G_ab54a98ceb1f0ad2_J_prod", AbstractionNames.cursor(GUID, "prod"));
        assertEquals("jzrepl_CURSORTENTATIVE_G_ab54a98ceb1f0ad2_J_prod", AbstractionNames.tentativeCursor(GUID, "prod"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "a", "job-1.b:c", "with_J_inside", "x_STEP_J_y"})
    void namesRoundTripForEveryType(String job) {
        assertEquals(Optional.of(new AbstractionNames.Parsed(AbstractionType.STEP_HOLD, job, Optional.empty(), false)),
                AbstractionNames.parseHold(AbstractionNames.stepHold(job)));
        assertEquals(Optional.of(new AbstractionNames.Parsed(AbstractionType.LAST_RECEIVED_HOLD, job, Optional.empty(),
                false)), AbstractionNames.parseHold(AbstractionNames.lastReceivedHold(job)));
        assertEquals(Optional.of(new AbstractionNames.Parsed(AbstractionType.CURSOR, job, Optional.of(GUID), false)),
                AbstractionNames.parseBookmark(AbstractionNames.cursor(GUID, job)));
        assertEquals(Optional.of(new AbstractionNames.Parsed(AbstractionType.TENTATIVE_CURSOR, job, Optional.of(GUID),
                false)), AbstractionNames.parseBookmark(AbstractionNames.tentativeCursor(GUID, job)));
    }

    @Test
    void recognisesZreplNamesAsForeign() {
        var step = AbstractionNames.parseHold("zrepl_STEP_J_backup").orElseThrow();
        assertEquals(AbstractionType.STEP_HOLD, step.type());
        assertEquals("backup", step.job());
        assertTrue(step.foreign());
        assertTrue(AbstractionNames.parseHold("zrepl_last_received_J_backup").orElseThrow().foreign());
        var cursor = AbstractionNames.parseBookmark("zrepl_CURSOR_G_00000000000000ff_J_backup").orElseThrow();
        assertEquals(new Guid(255), cursor.guid().orElseThrow());
        assertTrue(cursor.foreign());
        assertEquals(AbstractionType.TENTATIVE_CURSOR,
                AbstractionNames.parseBookmark("zrepl_CURSORTENTATIVE__G_00000000000000ff_J_b").orElseThrow().type());
        assertEquals(AbstractionType.TENTATIVE_CURSOR,
                AbstractionNames.parseBookmark("zrepl_CURSORTENTATIVE_G_00000000000000ff_J_b").orElseThrow().type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "keep", "jzrepl_STEP_J_", "jzrepl_STEP_J_a b", "xjzrepl_STEP_J_a", "jzrepl_step_J_a",
            "jzrepl_CURSOR_G_123_J_a", "jzrepl_CURSOR_G_00000000000000FF_J_a", "jzrepl_CURSOR_G_00000000000000ff_J_",
            "zrepl_replication_cursor"})
    void ignoresOtherNames(String name) {
        assertFalse(AbstractionNames.parseHold(name).isPresent());
        assertFalse(AbstractionNames.parseBookmark(name).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a/b", "a@b", "a#b", "a%b", "é"})
    void refusesJobNamesThatCannotBePartOfAName(String job) {
        assertThrows(IllegalArgumentException.class, () -> AbstractionNames.stepHold(job));
        assertThrows(IllegalArgumentException.class, () -> AbstractionNames.cursor(GUID, job));
    }

    @Test
    void namesStayWithinZfsLimit() {
        String longest = "j".repeat(255 - "jzrepl_CURSORTENTATIVE_G_0123456789abcdef_J_".length());
        assertEquals(255, AbstractionNames.tentativeCursor(GUID, longest).length());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AbstractionNames.stepHold(longest + "j"));
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
    }

    @Test
    void perClientNamesCarryTheClientWithItsLength() {
        assertEquals("jzrepl_STEP_C5_alice_J_src", AbstractionNames.stepHold("src", "alice"));
        assertEquals("jzrepl_CURSOR_G_ab54a98ceb1f0ad2_C5_alice_J_src", AbstractionNames.cursor(GUID, "src", "alice"));
        assertEquals("jzrepl_CURSORTENTATIVE_G_ab54a98ceb1f0ad2_C5_alice_J_src",
                AbstractionNames.tentativeCursor(GUID, "src", "alice"));
        assertEquals("jzrepl_STEP_J_src", AbstractionNames.stepHold("src", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "a", "b_J_c", "x_C3_abc", "host-1.lan:2", "_J_"})
    void perClientNamesRoundTripAndNeverParseAsAnotherJobOrClient(String client) {
        for (String job : new String[] {"src", "s_J_x", "x_C3_abc"}) {
            var step = AbstractionNames.parseHold(AbstractionNames.stepHold(job, client)).orElseThrow();
            assertEquals(new AbstractionNames.Parsed(AbstractionType.STEP_HOLD, job, Optional.empty(), false,
                    Optional.of(client)), step);
            var cursor = AbstractionNames.parseBookmark(AbstractionNames.cursor(GUID, job, client)).orElseThrow();
            assertEquals(new AbstractionNames.Parsed(AbstractionType.CURSOR, job, Optional.of(GUID), false,
                    Optional.of(client)), cursor);
            var tentative = AbstractionNames.parseBookmark(AbstractionNames.tentativeCursor(GUID, job, client))
                    .orElseThrow();
            assertEquals(Optional.of(client), tentative.client());
            assertEquals(AbstractionType.TENTATIVE_CURSOR, tentative.type());
        }
    }

    @Test
    void jobOnlyNamesParseWithoutAClientEvenWhenTheJobLooksLikeOne() {
        // a legacy name of job "C5_alice_J_src" is still job-only: the _J_ right after STEP decides
        var legacy = AbstractionNames.parseHold("jzrepl_STEP_J_C5_alice_J_src").orElseThrow();
        assertEquals("C5_alice_J_src", legacy.job());
        assertEquals(Optional.empty(), legacy.client());
        assertEquals(Optional.empty(), AbstractionNames.parseBookmark(AbstractionNames.cursor(GUID, "src")).orElseThrow()
                .client());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jzrepl_STEP_C6_alice_J_src", "jzrepl_STEP_C5_alice_X_src", "jzrepl_STEP_C5_alice_J_",
            "jzrepl_STEP_C0__J_src", "jzrepl_STEP_C05_alice_J_src", "jzrepl_STEP_C5_al ce_J_src",
            "jzrepl_CURSOR_G_ab54a98ceb1f0ad2_C9_alice_J_src", "zrepl_STEP_C5_alice_J_src"})
    void refusesMalformedPerClientNames(String name) {
        assertFalse(AbstractionNames.parseHold(name).isPresent(), name);
        assertFalse(AbstractionNames.parseBookmark(name).isPresent(), name);
    }

    @Test
    void aLongClientIsShortenedWithAHashSoEveryNameFits() {
        String a = "h".repeat(200);
        String b = "h".repeat(199) + "i";
        String job = "j".repeat(40);
        String ca = AbstractionNames.clientPart(job, a);
        assertTrue(ca.length() < a.length() && ca.matches("h+\\.[0-9a-f]{8}"), ca);
        assertFalse(ca.equals(AbstractionNames.clientPart(job, b)));
        String longest = AbstractionNames.tentativeCursor(GUID, job, a);
        assertTrue(longest.length() <= AbstractionNames.MAX_LENGTH, longest.length() + "");
        assertEquals(Optional.of(ca), AbstractionNames.parseBookmark(longest).orElseThrow().client());
        assertEquals("alice", AbstractionNames.clientPart(job, "alice"));
        assertThrows(IllegalArgumentException.class, () -> AbstractionNames.stepHold("src", "a b"));
    }

    @Test
    void theLongestJobNameTheConfigAcceptsLeavesRoomForAnyClient() {
        String job = "j".repeat(org.jzrepl.config.Names.MAX_JOB_NAME);
        org.jzrepl.config.Names.checkJobName(job);
        String client = "c".repeat(250);
        String longest = AbstractionNames.tentativeCursor(GUID, job, client);
        assertTrue(longest.length() <= AbstractionNames.MAX_LENGTH, longest.length() + "");
        assertEquals(Optional.of(AbstractionNames.clientPart(job, client)),
                AbstractionNames.parseBookmark(longest).orElseThrow().client());
        assertThrows(IllegalArgumentException.class, () -> org.jzrepl.config.Names.checkJobName(job + "j"));
    }

    @Test
    void onlyAPartAsLongAsTheRoomAndEndingInAHashMayBeShortened() {
        String job = "j".repeat(40);
        String shortened = AbstractionNames.clientPart(job, "h".repeat(250));
        assertTrue(AbstractionNames.mayBeShortened(job, shortened), shortened);
        assertFalse(AbstractionNames.mayBeShortened(job, "alice"));
        assertFalse(AbstractionNames.mayBeShortened(job, "h".repeat(shortened.length())));
    }
}
