package org.jzrepl.snapshot.hook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputRingTest {

    @Test
    void keepsEverythingBelowTheCap() {
        OutputRing r = new OutputRing(100);
        write(r, "hello ");
        write(r, "world");
        assertEquals("hello world", new String(r.bytes(), StandardCharsets.US_ASCII));
        assertEquals(11, r.total());
    }

    @Test
    void keepsOnlyTheLastCapacityBytesWhenWrapping() {
        OutputRing r = new OutputRing(10);
        write(r, "0123456");
        write(r, "789abc");
        assertEquals("3456789abc", new String(r.bytes(), StandardCharsets.US_ASCII));
        write(r, "de");
        assertEquals("56789abcde", new String(r.bytes(), StandardCharsets.US_ASCII));
        assertEquals(15, r.total());
    }

    @Test
    void oneWriteLargerThanTheCapKeepsItsEnd() {
        OutputRing r = new OutputRing(4);
        write(r, "ab");
        write(r, "0123456789");
        assertEquals("6789", new String(r.bytes(), StandardCharsets.US_ASCII));
    }

    /** Random write sizes against the plain answer: the last capacity bytes of all written. */
    @Test
    void matchesTheTailOfEverythingWrittenForRandomWrites() {
        Random rnd = new Random(42);
        for (int cap : new int[] {1, 7, 8192, 8193, 20000}) {
            OutputRing r = new OutputRing(cap);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < 300; i++) {
                byte[] b = new byte[rnd.nextInt(3 * cap / 2 + 2)];
                rnd.nextBytes(b);
                int off = b.length == 0 ? 0 : rnd.nextInt(b.length);
                int len = b.length - off;
                r.write(b, off, len);
                all.write(b, off, len);
                byte[] want = all.toByteArray();
                assertArrayEquals(Arrays.copyOfRange(want, Math.max(0, want.length - cap), want.length), r.bytes(),
                        "cap " + cap + " after write " + i);
            }
            assertEquals(all.size(), r.total());
        }
    }

    private static void write(OutputRing r, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        r.write(b, 0, b.length);
    }
}
