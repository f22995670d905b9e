package org.jzrepl.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SnapshotBatchesTest {

    private static List<DatasetPath> paths(String... names) {
        return List.of(names).stream().map(DatasetPath::parse).toList();
    }

    @Test
    void operandsAreFullSnapshotNamesInOrder() {
        assertEquals(List.of("p/b@s1", "p/a@s1", "p@s1"),
                SnapshotBatches.operands(paths("p/b", "p/a", "p"), "s1", SnapshotBatches.MAX_BYTES));
    }

    @Test
    void refusesMixedPoolsDuplicatesNothingAndBadNames() {
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> SnapshotBatches.operands(paths("p/a", "q/a"), "s", SnapshotBatches.MAX_BYTES));
        assertTrue(mixed.getMessage().contains("one pool, got p and q"), mixed.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SnapshotBatches.operands(paths("p/a", "p/a"), "s", SnapshotBatches.MAX_BYTES));
        assertThrows(IllegalArgumentException.class,
                () -> SnapshotBatches.operands(List.of(), "s", SnapshotBatches.MAX_BYTES));
        assertThrows(IllegalArgumentException.class,
                () -> SnapshotBatches.operands(paths("p/a"), "a@b", SnapshotBatches.MAX_BYTES));
    }

    @Test
    void refusesMoreBytesThanTheBound() {
        // "p/a@s " and "p/b@s " take 6 bytes each
        assertEquals(2, SnapshotBatches.operands(paths("p/a", "p/b"), "s", 12).size());
        assertThrows(IllegalArgumentException.class, () -> SnapshotBatches.operands(paths("p/a", "p/b"), "s", 11));
    }

    @Test
    void splitKeepsOrderAndFillsEachBatchUpToTheBound() {
        List<DatasetPath> fs = paths("p/a", "p/b", "p/c", "p/d", "p/e");
        assertEquals(List.of(fs), SnapshotBatches.split(fs, "s", 30));
        assertEquals(List.of(fs.subList(0, 2), fs.subList(2, 4), fs.subList(4, 5)), SnapshotBatches.split(fs, "s", 12));
        assertEquals(List.of(fs.subList(0, 2), fs.subList(2, 4), fs.subList(4, 5)), SnapshotBatches.split(fs, "s", 17));
    }

    @Test
    void aThousandTypicalFilesystemsFitOneCommandAndTenThousandDoNot() {
        List<DatasetPath> fs = new ArrayList<>();
        IntStream.range(0, 10_000).forEach(i -> fs.add(DatasetPath.parse(String.format("tank/home/user%05d", i))));
        String name = "zrepl_20240514_231623_000";
        assertEquals(1, SnapshotBatches.split(fs.subList(0, 1000), name, SnapshotBatches.MAX_BYTES).size());
        List<List<DatasetPath>> batches = SnapshotBatches.split(fs, name, SnapshotBatches.MAX_BYTES);
        assertEquals(8, batches.size());   // 46 bytes each: 1,424 per 64 KiB
        assertEquals(fs, batches.stream().flatMap(List::stream).toList());
        for (List<DatasetPath> b : batches) {
            assertTrue(b.stream().mapToInt(p -> SnapshotBatches.operandBytes(p, name)).sum() <= SnapshotBatches.MAX_BYTES);
        }
    }

    @Test
    void splitRefusesMixedPools() {
        assertThrows(IllegalArgumentException.class, () -> SnapshotBatches.split(paths("p/a", "q/b"), "s", 1000));
    }
}
