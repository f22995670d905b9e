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
}
