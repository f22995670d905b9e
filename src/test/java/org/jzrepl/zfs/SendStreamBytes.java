package org.jzrepl.zfs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-built starts of zfs send streams, for tests that read the first records. */
public final class SendStreamBytes {

    public static final int OST_ZFS = 2;
    public static final int OST_ZVOL = 3;

    private SendStreamBytes() {
    }

    /**
     * A plain stream: a DRR_BEGIN record (SUBSTREAM) for {@code toname} announcing
     * dmu_objset_type {@code objsetType} in byte order {@code order}, then {@code tail} bytes.
     */
    public static byte[] plain(int objsetType, String toname, ByteOrder order, int tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(begin(StreamHeader.SUBSTREAM, objsetType, toname, 0, order));
        for (int i = 0; i < tail; i++) {
            out.write(i);
        }
        return out.toByteArray();
    }

    /** A plain stream of {@code pool/data@s1}, little-endian. */
    public static byte[] plain(int objsetType, int tail) {
        return plain(objsetType, "pool/data@s1", ByteOrder.LITTLE_ENDIAN, tail);
    }

    /**
     * A package as {@code zfs send -p} makes it: a COMPOUNDSTREAM DRR_BEGIN naming {@code top}
     * (type 0), {@code payload} bytes of nvlist, a DRR_END, then the plain stream {@code first}.
     */
    public static byte[] pack(String top, int payload, byte[] first, ByteOrder order) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(begin(StreamHeader.COMPOUNDSTREAM, 0, top, payload, order));
        for (int i = 0; i < payload; i++) {
            out.write(0x5a);
        }
        ByteBuffer end = ByteBuffer.allocate(StreamHeader.RECORD).order(order);
        end.putInt(0, StreamHeader.DRR_END);
        out.writeBytes(end.array());
        out.writeBytes(first);
        return out.toByteArray();
    }

    private static byte[] begin(int header, int objsetType, String toname, int payload, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(StreamHeader.RECORD).order(order);
        b.putInt(0, StreamHeader.DRR_BEGIN);
        b.putInt(4, payload);
        b.putLong(8, StreamHeader.MAGIC);
        b.putLong(16, (0x4L << 2) | header);    // some feature flags above the header type
        b.putLong(24, 1_700_000_000L);
        b.putInt(32, objsetType);
        b.putInt(36, 0x4);
        b.putLong(40, 0x1234_5678_9abc_def0L);
        b.put(56, toname.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
