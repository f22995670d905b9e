package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.jzrepl.zfs.DatasetPath;

class ReceivePathTest {

    private static final DatasetPath ROOT = DatasetPath.parse("tank/backups/client1");

    @Test
    void mapsSenderNamesBelowTheRootAndBack() throws EndpointException {
        DatasetPath mapped = ReceivePath.map(ROOT, "pool/data/home");
        assertEquals(DatasetPath.parse("tank/backups/client1/pool/data/home"), mapped);
        assertEquals("pool/data/home", ReceivePath.unmap(ROOT, mapped));
        assertEquals(DatasetPath.parse("tank/backups/client1/pool"), ReceivePath.map(ROOT, "pool"));
    }

    static Stream<String> escapes() {
        return Stream.of("../x", "a/../../b", "..", ".", "a/./b", "a@b", "a#b", "a%b", "a/b@snap", "pool#bm",
                "/abs", "a/", "a//b", "", "x".repeat(256), "a/" + "x".repeat(240), "a\u0000b", "a\nb", "a\\b",
                "a/b<", "é", "a*");
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void refusesNamesThatAreInvalidOrLeaveTheRoot(String name) {
        EndpointException e = assertThrows(EndpointException.class, () -> ReceivePath.map(ROOT, name));
        assertEquals(EndpointException.PATH_ESCAPES_ROOT, e.code());
        assertTrue(e.getMessage().contains(ROOT.name()), e.getMessage());
        assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), "printable: " + e.getMessage());
    }

    @Test
    void refusesNull() {
        assertThrows(EndpointException.class, () -> ReceivePath.map(ROOT, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 234})
    void acceptsNamesUpToTheLengthLimitTogetherWithTheRoot(int len) throws EndpointException {
        // root (20 bytes) + '/' + name <= 255
        String name = "x".repeat(len);
        assertEquals(ROOT.name().length() + 1 + len, ReceivePath.map(ROOT, name).name().length());
    }

    @Test
    void refusesOneByteOverTheLimit() {
        String name = "x".repeat(255 - ROOT.name().length());
        assertThrows(EndpointException.class, () -> ReceivePath.map(ROOT, name));
    }
}
