package org.jzrepl.zfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamHeaderTest {

    @Test
    void readsTheObjsetTypeInEitherByteOrder() {
        for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            assertEquals(Optional.of(DatasetType.FILESYSTEM), StreamHeader.type(SendStreamBytes.begin(2, o, 0)), o.toString());
            assertEquals(Optional.of(DatasetType.VOLUME), StreamHeader.type(SendStreamBytes.begin(3, o, 0)), o.toString());
        }
    }

    @Test
    void anythingButABeginRecordOfAKnownTypeIsUnknown() {
        byte[] meta = SendStreamBytes.begin(1, ByteOrder.LITTLE_ENDIAN, 0);
        byte[] badMagic = SendStreamBytes.begin(2, ByteOrder.LITTLE_ENDIAN, 0);
        badMagic[8] ^= 1;
        byte[] notBegin = SendStreamBytes.begin(2, ByteOrder.LITTLE_ENDIAN, 0);
        notBegin[0] = 1;                                          // DRR_OBJECT
        byte[] mixedOrder = SendStreamBytes.begin(2, ByteOrder.BIG_ENDIAN, 0);
        mixedOrder[32] = 2;                                       // type no longer in the magic's order
        byte[] shortHead = Arrays.copyOf(SendStreamBytes.begin(2, ByteOrder.LITTLE_ENDIAN, 0), 35);
        for (byte[] head : new byte[][] {meta, badMagic, notBegin, mixedOrder, shortHead, new byte[0]}) {
            assertEquals(Optional.empty(), StreamHeader.type(head));
        }
    }

    @Test
    void peekGivesBackTheWholeStream() throws IOException {
        byte[] all = SendStreamBytes.begin(3, ByteOrder.LITTLE_ENDIAN, 1000);
        StreamHeader.Peeked p = StreamHeader.peek(new ByteArrayInputStream(all));
        assertEquals(Optional.of(DatasetType.VOLUME), p.type());
        assertArrayEquals(all, p.stream().readAllBytes());
        StreamHeader.Peeked tiny = StreamHeader.peek(new ByteArrayInputStream(new byte[] {1, 2, 3}));
        assertEquals(Optional.empty(), tiny.type());
        assertArrayEquals(new byte[] {1, 2, 3}, tiny.stream().readAllBytes());
    }

    @Test
    void aFailureWhileReadingAheadIsTheCallersFailure() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection lost");
            }
        };
        assertEquals("connection lost", assertThrows(IOException.class, () -> StreamHeader.peek(broken)).getMessage());
    }
}
