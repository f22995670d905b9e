package org.jzrepl.zfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jzrepl.zfs.SendStreamBytes.OST_ZFS;
import static org.jzrepl.zfs.SendStreamBytes.OST_ZVOL;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamHeaderTest {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

    /** Peeks {@code bytes}, checks the returned stream gives all of them back, returns the type. */
    private static Optional<DatasetType> peeked(byte[] bytes) throws IOException {
        StreamHeader.Peeked p = StreamHeader.peek(new ByteArrayInputStream(bytes));
        assertArrayEquals(bytes, p.stream().readAllBytes(), "the stream read ahead is given back whole");
        return p.type();
    }

    @Test
    void aPlainStreamIsOfTheTypeItsBeginRecordAnnouncesInEitherByteOrder() throws IOException {
        for (ByteOrder o : new ByteOrder[] {LE, BE}) {
            assertEquals(Optional.of(DatasetType.FILESYSTEM), peeked(SendStreamBytes.plain(OST_ZFS, "p/f@s", o, 100)));
            assertEquals(Optional.of(DatasetType.VOLUME), peeked(SendStreamBytes.plain(OST_ZVOL, "p/v@s", o, 100)));
        }
    }

    @Test
    void aPackageIsOfTheTypeOfItsFirstStreamWhenThatNamesItsTop() throws IOException {
        byte[] vol = SendStreamBytes.plain(OST_ZVOL, "pool/vol@v1", BE, 50);
        assertEquals(Optional.of(DatasetType.VOLUME), peeked(SendStreamBytes.pack("pool/vol@v1", 1000, vol, LE)));
        assertEquals(Optional.of(DatasetType.FILESYSTEM), peeked(SendStreamBytes.pack("pool/fs@v1", 0,
                SendStreamBytes.plain(OST_ZFS, "pool/fs@v1", LE, 50), LE)));
    }

    /** The head of a stream captured from zfs 2.1.11 by src/test/resources/zfs/capture.sh. */
    private static byte[] captured(String file) throws IOException {
        try (InputStream in = StreamHeaderTest.class.getResourceAsStream("/zfs/2.1.11/" + file)) {
            return in.readAllBytes();
        }
    }

    @Test
    void realStreamsOfZfs2111AreRecognised() throws IOException {
        assertEquals(Optional.of(DatasetType.VOLUME), peeked(captured("send-p-volume.head")));
        assertEquals(Optional.of(DatasetType.FILESYSTEM), peeked(captured("send-filesystem.head")));
    }

    @Test
    void aRawStreamOfAnEncryptedDatasetIsToldFromAPlainOne() throws IOException {
        assertTrue(StreamHeader.peek(new ByteArrayInputStream(captured("send-w-encrypted.head"))).raw());
        assertFalse(StreamHeader.peek(new ByteArrayInputStream(captured("send-filesystem.head"))).raw());
        assertEquals(Optional.of(DatasetType.FILESYSTEM), peeked(captured("send-w-encrypted.head")));
    }

    @Test
    void aPackageWhoseFirstStreamIsNotItsTopOrWhoseNvlistIsHugeIsUnknown() throws IOException {
        byte[] childVol = SendStreamBytes.plain(OST_ZVOL, "pool/fs/vol@v1", LE, 10);
        assertEquals(Optional.empty(), peeked(SendStreamBytes.pack("pool/fs@v1", 100, childVol, LE)));
        byte[] prefixVol = SendStreamBytes.plain(OST_ZVOL, "pool/f@v1", LE, 10);
        assertEquals(Optional.empty(), peeked(SendStreamBytes.pack("pool/fs@v1", 100, prefixVol, LE)));
        byte[] vol = SendStreamBytes.plain(OST_ZVOL, "pool/vol@v1", LE, 10);
        byte[] huge = SendStreamBytes.pack("pool/vol@v1", 0, vol, LE);
        java.nio.ByteBuffer.wrap(huge).order(LE).putInt(4, StreamHeader.MAX_PACKAGE_PAYLOAD + 1);
        assertEquals(Optional.empty(), peeked(huge));
        byte[] noEnd = SendStreamBytes.pack("pool/vol@v1", 8, vol, LE);
        noEnd[StreamHeader.RECORD + 8] = 3;                        // a DRR_WRITE where the END belongs
        assertEquals(Optional.empty(), peeked(noEnd));
        byte[] nested = SendStreamBytes.pack("pool/vol@v1", 8, SendStreamBytes.pack("pool/vol@v1", 8, vol, LE), LE);
        assertEquals(Optional.empty(), peeked(nested), "a package inside a package");
    }

    @Test
    void anythingButABeginRecordOfAKnownTypeIsUnknown() throws IOException {
        byte[] meta = SendStreamBytes.plain(1, 0);
        byte[] badMagic = SendStreamBytes.plain(OST_ZVOL, 0);
        badMagic[8] ^= 1;
        byte[] notBegin = SendStreamBytes.plain(OST_ZVOL, 0);
        notBegin[0] = 1;                                           // DRR_OBJECT
        byte[] mixedOrder = SendStreamBytes.plain(OST_ZVOL, "p/v@s", BE, 0);
        mixedOrder[35] = 0;
        mixedOrder[32] = 3;                                        // type no longer in the magic's order
        byte[] noHeaderType = SendStreamBytes.plain(OST_ZVOL, 0);
        noHeaderType[16] &= ~3;
        byte[] shortHead = Arrays.copyOf(SendStreamBytes.plain(OST_ZVOL, 0), 39);
        for (byte[] head : new byte[][] {meta, badMagic, notBegin, mixedOrder, noHeaderType, shortHead,
                new byte[0], new byte[] {1, 2, 3}}) {
            assertEquals(Optional.empty(), peeked(head));
        }
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
