package org.jzrepl.zfs.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jzrepl.zfs.Property;

/** {@code zfs holds -H} and {@code zfs get -H -p} outputs captured from real zfs. */
class ColumnParsersTest {

    @Test
    void holdTagsOfASnapshot() {
        assertEquals(List.of("jzrepl_last_received_J_job", "keep"),
                ColumnParsers.holdTags(Captured.read("holds.out")).stream().sorted().toList());
        assertEquals(List.of(), ColumnParsers.holdTags(Captured.read("holds-none.out")));
    }

    @Test
    void propertiesWithValueAndSource() {
        Map<String, Property> p = ColumnParsers.properties(Captured.read("get.out"));
        assertEquals(List.of("guid", "jzrepl:placeholder", "mountpoint", "compression", "receive_resume_token"),
                List.copyOf(p.keySet()));
        assertEquals(new Property("jzrepl:placeholder", "on", "inherited from cap/dst"), p.get("jzrepl:placeholder"));
        assertEquals("default", p.get("compression").source());
        assertEquals(Captured.token("incremental"), p.get("receive_resume_token").value());
        assertEquals(Optional.of("on"), p.get("jzrepl:placeholder").valueIfSet());
    }

    @Test
    void snapshotPropertiesHaveNoSource() {
        Map<String, Property> p = ColumnParsers.properties(Captured.read("get-snapshot.out"));
        assertEquals("2", p.get("userrefs").value());
        assertEquals("-", p.get("guid").source());
    }

    @Test
    void anUnsetUserPropertyHasNoValue() {
        assertEquals(Optional.empty(), new Property("jzrepl:x", "-", "-").valueIfSet());
    }

    @Test
    void rejectsRowsWithTheWrongFieldCount() {
        assertThrows(IllegalArgumentException.class, () -> ColumnParsers.holdTags("cap/src@a\tkeep\n"));
        assertThrows(IllegalArgumentException.class, () -> ColumnParsers.properties("guid\t1\t-\textra\n"));
    }
}
