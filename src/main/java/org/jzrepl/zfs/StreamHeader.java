package org.jzrepl.zfs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The dataset type a {@code zfs send} stream creates, read ahead of {@code zfs recv} so a
 * receiver can pass only options that apply to that type (zfs refuses {@code -o canmount=...}
 * for a volume). The answer is a volume only when zfs itself will create a volume at the target
 * from these bytes, and empty (take it as a filesystem) for anything else: short, wrong magic,
 * unknown type, a package too large to look into, or one whose first stream is not its top.
 *
 * <p>A plain stream is one DRR_BEGIN record (its {@code drr_begin.drr_type} is what
 * {@code dmu_recv_begin} creates) and the dataset's records. A package ({@code zfs send -p},
 * {@code -b}, {@code -R}: header type COMPOUNDSTREAM) is a DRR_BEGIN naming the top dataset, an
 * XDR nvlist of {@code drr_payloadlen} bytes, a DRR_END, then one plain stream per dataset; zfs
 * receives them in order and stops at the first failure, and nothing can be received below a
 * volume. So a package counts as a volume when its first stream is a volume named as the top.
 * The same record tells whether the stream is raw ({@code zfs send -w}: an encrypted dataset's
 * blocks as stored, which zfs receives only as a new encrypted dataset).
 *
 * <pre>
 * dmu_replay_record_t (zfs_ioctl.h), 312 bytes, in the sender's byte order (told by the magic):
 *   0  u32 drr_type          0 = DRR_BEGIN, 5 = DRR_END
 *   4  u32 drr_payloadlen    bytes following the record (the package's nvlist)
 *   8  u64 drr_magic         0x2F5BACBAC (DMU_BACKUP_MAGIC)
 *  16  u64 drr_versioninfo   bits 0-1: 1 = SUBSTREAM, 2 = COMPOUNDSTREAM; bits 2-31 feature
 *                            flags, of which 1 &lt;&lt; 24 = DMU_BACKUP_FEATURE_RAW
 *  24  u64 drr_creation_time
 *  32  u32 drr_begin.drr_type  dmu_objset_type_t: 2 = DMU_OST_ZFS, 3 = DMU_OST_ZVOL
 *  36  u32 drr_flags
 *  40  u64 drr_toguid
 *  48  u64 drr_fromguid
 *  56  char drr_toname[256]  "pool/fs@snap", NUL-terminated
 * </pre>
 */
public final class StreamHeader {

    /** The size of every record. */
    public static final int RECORD = 312;
    /** The largest package nvlist looked into (one dataset's properties take a few KiB). */
    public static final int MAX_PACKAGE_PAYLOAD = 4 << 20;
    static final long MAGIC = 0x2F5BACBACL;
    static final int DRR_BEGIN = 0;
    static final int DRR_END = 5;
    static final int SUBSTREAM = 1;
    static final int COMPOUNDSTREAM = 2;
    private static final int OST_ZFS = 2;
    private static final int OST_ZVOL = 3;
    private static final int NAME_OFFSET = 56;
    private static final long FEATURE_RAW = 1L << 24;

    private StreamHeader() {
    }

    /**
     * The type zfs will create, whether the stream is raw (false when unknown, as for the type),
     * and the whole stream, the bytes read ahead included.
     */
    public record Peeked(Optional<DatasetType> type, boolean raw, InputStream stream) {
    }

    private record Head(Optional<DatasetType> type, boolean raw) {
        static final Head UNKNOWN = new Head(Optional.empty(), false);

        static Head of(ByteBuffer begin) {
            return new Head(StreamHeader.type(begin), ((begin.getLong(16) >>> 2) & FEATURE_RAW) != 0);
        }
    }

    /**
     * Reads ahead of {@code in}: the first record and, for a package, its nvlist, its end record
     * and the first stream's record (at most {@link #MAX_PACKAGE_PAYLOAD} plus three records).
     * The returned stream yields the bytes read, then the rest of {@code in}.
     */
    public static Peeked peek(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream(RECORD);
        Head head = peek(in, read);
        return new Peeked(head.type(), head.raw(), new SequenceInputStream(new ByteArrayInputStream(read.toByteArray()), in));
    }

    private static Head peek(InputStream in, ByteArrayOutputStream read) throws IOException {
        ByteBuffer first = begin(next(in, read, RECORD));
        if (first == null) {
            return Head.UNKNOWN;
        }
        int header = (int) (first.getLong(16) & 3);
        if (header != COMPOUNDSTREAM) {
            return header == SUBSTREAM ? Head.of(first) : Head.UNKNOWN;
        }
        long payload = first.getInt(4) & 0xFFFF_FFFFL;
        if (payload > MAX_PACKAGE_PAYLOAD) {
            return Head.UNKNOWN;
        }
        next(in, read, (int) payload);
        ByteBuffer end = record(next(in, read, RECORD), first.order());
        ByteBuffer stream = begin(next(in, read, RECORD));
        if (end == null || end.getInt(0) != DRR_END || stream == null || (stream.getLong(16) & 3) != SUBSTREAM
                || dataset(first).isEmpty() || !dataset(stream).equals(dataset(first))) {
            return Head.UNKNOWN;
        }
        return Head.of(stream);
    }

    private static Optional<DatasetType> type(ByteBuffer begin) {
        return switch (begin.getInt(32)) {
            case OST_ZFS -> Optional.of(DatasetType.FILESYSTEM);
            case OST_ZVOL -> Optional.of(DatasetType.VOLUME);
            default -> Optional.empty();
        };
    }

    /** A DRR_BEGIN record in the byte order its magic tells, or null. */
    private static ByteBuffer begin(byte[] record) {
        if (record.length < 40) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getLong(8) != MAGIC) {
            b.order(ByteOrder.BIG_ENDIAN);
            if (b.getLong(8) != MAGIC) {
                return null;
            }
        }
        return b.getInt(0) == DRR_BEGIN ? b : null;
    }

    private static ByteBuffer record(byte[] record, ByteOrder order) {
        return record.length < RECORD ? null : ByteBuffer.wrap(record).order(order);
    }

    /** The dataset part of drr_toname ("pool/fs" of "pool/fs@snap"); "" when the record is short. */
    private static String dataset(ByteBuffer begin) {
        byte[] r = begin.array();
        int end = NAME_OFFSET;
        while (end < Math.min(r.length, RECORD) && r[end] != 0 && r[end] != '@') {
            end++;
        }
        return r.length < RECORD ? "" : new String(r, NAME_OFFSET, end - NAME_OFFSET, StandardCharsets.ISO_8859_1);
    }

    private static byte[] next(InputStream in, ByteArrayOutputStream read, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        read.write(b);
        return b;
    }
}
