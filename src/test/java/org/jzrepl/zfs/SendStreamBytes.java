package org.jzrepl.zfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Hand-built starts of zfs send streams, for tests that read the first record. */
public final class SendStreamBytes {

    private SendStreamBytes() {
    }

    /**
     * A DRR_BEGIN record (312 bytes) announcing dmu_objset_type {@code objsetType} (2 = ZFS,
     * 3 = ZVOL) in byte order {@code order}, followed by {@code tail} bytes of filler.
     */
    public static byte[] begin(int objsetType, ByteOrder order, int tail) {
        ByteBuffer b = ByteBuffer.allocate(312 + tail).order(order);
        b.putInt(0, 0);                         // drr_type = DRR_BEGIN
        b.putInt(4, 0);                         // drr_payloadlen
        b.putLong(8, StreamHeader.MAGIC);
        b.putLong(16, 0x11L);                   // versioninfo: substream, some feature
        b.putLong(24, 1_700_000_000L);          // creation time
        b.putInt(32, objsetType);
        b.putInt(36, 0x4);                      // drr_flags
        b.putLong(40, 0x1234_5678_9abc_def0L);  // toguid
        byte[] name = "pool/data@s1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        b.put(56, name);
        for (int i = 312; i < 312 + tail; i++) {
            b.put(i, (byte) i);
        }
        return b.array();
    }
}
