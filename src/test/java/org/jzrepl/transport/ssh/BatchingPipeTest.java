package org.jzrepl.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.channel.LocalWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BatchingPipeTest {
    private static final int PACKET = 32 << 10;

    private final LocalWindow window = window();
    private final BatchingPipe pipe = new BatchingPipe(window);

    @Test
    void fullPacketsDoNotEndTheReadBeforeItsBatchIsHere() throws Exception {
        BatchingPipe patient = new BatchingPipe(window, TimeUnit.SECONDS.toNanos(30));
        int packets = BatchingPipe.BATCH / PACKET;
        for (int i = 0; i < packets - 1; i++) {
            patient.receive(new byte[PACKET], 0, PACKET);
        }
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readQuietly(patient, new byte[1 << 20]));
        Thread.sleep(100);
        assertFalse(read.isDone(), "returned with " + (packets - 1) + " full packets of a " + BatchingPipe.BATCH + " batch");
        patient.receive(new byte[PACKET], 0, PACKET);
        assertEquals(BatchingPipe.BATCH, read.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aFullPacketAfterWhichThePeerStopsIsReadAfterTheHoldTime() throws Exception {
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readQuietly(new byte[1 << 20]));
        Thread.sleep(20);
        long start = System.nanoTime();
        pipe.receive(new byte[PACKET], 0, PACKET);
        assertEquals(PACKET, read.get(5, TimeUnit.SECONDS));
        long waited = System.nanoTime() - start;
        assertTrue(waited < TimeUnit.SECONDS.toNanos(2), "took " + waited + " ns");
    }

    @Test
    void aShortPacketWakesTheReaderWithWhatIsBuffered() throws Exception {
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readQuietly(new byte[1 << 20]));
        pipe.receive(new byte[PACKET], 0, PACKET);
        pipe.receive(new byte[100], 0, 100);
        assertEquals(PACKET + 100, read.get(5, TimeUnit.SECONDS));
    }

    @Test
    void withoutAKnownPacketSizeEveryPacketWakesTheReader() throws Exception {
        LocalWindow unsized = mock(LocalWindow.class);
        when(unsized.isOpen()).thenReturn(true);
        BatchingPipe plain = new BatchingPipe(unsized, TimeUnit.SECONDS.toNanos(30));
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readQuietly(plain, new byte[1 << 20]));
        Thread.sleep(20);
        plain.receive(new byte[PACKET], 0, PACKET);
        assertEquals(PACKET, read.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aReaderAskingForLessThanABatchGetsItAsSoonAsItIsHere() throws Exception {
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readQuietly(new byte[8]));
        pipe.receive(new byte[PACKET], 0, PACKET);
        assertEquals(8, read.get(5, TimeUnit.SECONDS));
        assertEquals(PACKET - 8, pipe.available());
    }

    @Test
    void aReaderHoldingSomeBytesGivesUpWaitingForMoreAfterTheHoldTime() throws Exception {
        pipe.receive(new byte[PACKET], 0, PACKET);
        long start = System.nanoTime();
        assertEquals(PACKET, pipe.read(new byte[1 << 20], 0, 1 << 20));
        long waited = System.nanoTime() - start;
        assertTrue(waited >= BatchingPipe.HOLD_NANOS, "returned after " + waited + " ns");
    }

    @Test
    void bytesComeOutInOrderAcrossGrowthAndCompaction() throws Exception {
        byte[] sent = new byte[5 * PACKET + 77];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i * 31);
        }
        byte[] got = new byte[sent.length];
        int in = 0;
        int out = 0;
        while (out < sent.length) {
            int n = Math.min(PACKET, sent.length - in);
            if (n > 0) {
                pipe.receive(sent, in, n);
                in += n;
            }
            if (in == sent.length) {
                pipe.eof();
            }
            out += pipe.read(got, out, Math.min(50_000, got.length - out));
        }
        assertArrayEquals(sent, got);
        assertEquals(-1, pipe.read(new byte[10], 0, 10));
    }

    @Test
    void eofReturnsWhatIsBufferedThenEndOfStream() throws Exception {
        pipe.receive(new byte[PACKET], 0, PACKET);
        pipe.eof();
        assertEquals(PACKET, pipe.read(new byte[1 << 20], 0, 1 << 20));
        assertEquals(-1, pipe.read(new byte[10], 0, 10));
    }

    @Test
    void consumedBytesAreReleasedToTheWindow() throws Exception {
        pipe.receive(new byte[300], 0, 300);
        assertEquals(200, pipe.read(new byte[200], 0, 200));
        verify(window).release(200);
    }

    @Test
    void closeFailsABlockedReaderAndLaterWrites() throws Exception {
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readQuietly(new byte[10]));
        Thread.sleep(20);
        pipe.close();
        assertEquals(-2, read.get(5, TimeUnit.SECONDS));
        assertFalse(pipe.isOpen());
        assertThrows(IOException.class, () -> pipe.receive(new byte[1], 0, 1));
    }

    /** Bytes read, or -2 if the read threw. */
    private int readQuietly(byte[] b) {
        return readQuietly(pipe, b);
    }

    private static int readQuietly(BatchingPipe from, byte[] b) {
        try {
            return from.read(b, 0, b.length);
        } catch (IOException e) {
            return -2;
        }
    }

    private static LocalWindow window() {
        LocalWindow w = mock(LocalWindow.class);
        when(w.getPacketSize()).thenReturn((long) PACKET);
        when(w.isOpen()).thenReturn(true);
        return w;
    }
}
