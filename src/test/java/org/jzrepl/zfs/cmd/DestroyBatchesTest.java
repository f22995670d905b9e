package org.jzrepl.zfs.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Zfs;

class DestroyBatchesTest {

    static final DatasetPath FS = DatasetPath.parse("p/fs");

    @Test
    void fewSnapshotsMakeOneCommaList() {
        assertEquals(List.of("p/fs@a,b,c"), DestroyBatches.of(FS, List.of("a", "b", "c"), 1000));
    }

    @Test
    void splitsWhenTheArgumentWouldExceedTheBound() {
        // "p/fs@a1,a2" is 10 bytes; ",a3" would make 13
        assertEquals(List.of("p/fs@a1,a2", "p/fs@a3,a4", "p/fs@a5"),
                DestroyBatches.of(FS, List.of("a1", "a2", "a3", "a4", "a5"), 12));
    }

    @Test
    void everyBatchStaysWithinTheBoundAndKeepsEveryNameInOrder() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            names.add("zrepl_20240101_" + String.format("%06d", i));
        }
        List<String> batches = DestroyBatches.of(FS, names, DestroyBatches.DEFAULT_MAX_BYTES);
        assertTrue(batches.size() > 1);
        List<String> back = new ArrayList<>();
        for (String b : batches) {
            assertTrue(b.length() <= DestroyBatches.DEFAULT_MAX_BYTES, "batch of " + b.length());
            assertTrue(b.startsWith("p/fs@"));
            back.addAll(DestroyBatches.names(b));
        }
        assertEquals(names, back);
    }

    @Test
    void noSnapshotsNoCommand() {
        assertEquals(List.of(), DestroyBatches.of(FS, List.of(), 100));
    }

    @Test
    void rejectsInvalidNamesBeforeRunningAnything() {
        assertThrows(IllegalArgumentException.class, () -> DestroyBatches.of(FS, List.of("a", "b,c"), 100));
        assertThrows(IllegalArgumentException.class, () -> DestroyBatches.of(FS, List.of("a@b"), 100));
    }

    @Test
    void rejectsANameLongerThanTheBound() {
        assertThrows(IllegalArgumentException.class, () -> DestroyBatches.of(FS, List.of("abcdefgh"), 10));
    }

    @Test
    void checkedKeepsEachNameOnceInOrderAndRefusesMoreThanTheCapBeforeLookingAtNames() {
        assertEquals(List.of("b", "a", "c"), DestroyBatches.checked(List.of("b", "a", "b", "c", "a")));
        List<String> bad = new ArrayList<>(java.util.Collections.nCopies(Zfs.MAX_DESTROY_SNAPSHOTS + 1, "a/b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DestroyBatches.checked(bad));
        assertTrue(e.getMessage().contains((Zfs.MAX_DESTROY_SNAPSHOTS + 1) + " snapshots to destroy in one call, at most "
                + Zfs.MAX_DESTROY_SNAPSHOTS), e.getMessage());
        assertEquals(List.of("a"), DestroyBatches.checked(java.util.Collections.nCopies(Zfs.MAX_DESTROY_SNAPSHOTS, "a")),
                "exactly the cap is accepted");
        assertThrows(IllegalArgumentException.class, () -> DestroyBatches.checked(List.of("a", "x".repeat(256))));
    }
}
