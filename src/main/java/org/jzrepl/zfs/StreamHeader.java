package org.jzrepl.zfs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The dataset type a {@code zfs send} stream announces in its first record, read ahead of
 * {@code zfs recv} so a receiver can pass only options that apply to that type (zfs refuses
 * {@code -o canmount=...} for a volume). zfs creates the new dataset with this very type, so a
 * decision on it matches what zfs does; anything else (short, wrong magic, unknown type) is
 * {@link Optional#empty()} and zfs itself judges the stream.
 *
 * <pre>
 * dmu_replay_record_t (zfs_ioctl.h), in the sender's byte order, told by the magic:
 *   0  u32 drr_type         0 = DRR_BEGIN
 *   4  u32 drr_payloadlen
 *   8  u64 drr_magic        0x2F5BACBAC (DMU_BACKUP_MAGIC)
 *  16  u64 drr_versioninfo
 *  24  u64 drr_creation_time
 *  32  u32 drr_begin.drr_type  dmu_objset_type_t: 2 = DMU_OST_ZFS, 3 = DMU_OST_ZVOL
 * </pre>
 */
public final class StreamHeader {

    /** How many bytes {@link #peek} reads ahead. */
    public static final int PEEK_BYTES = 36;
    static final long MAGIC = 0x2F5BACBACL;
    private static final int DRR_BEGIN = 0;
    private static final int OST_ZFS = 2;
    private static final int OST_ZVOL = 3;

    private StreamHeader() {
    }

    /** The announced type and the whole stream, the bytes read ahead included. */
    public record Peeked(Optional<DatasetType> type, InputStream stream) {
    }

    /** Reads up to {@link #PEEK_BYTES} of {@code in}; the returned stream yields them again, then the rest. */
    public static Peeked peek(InputStream in) throws IOException {
        byte[] head = in.readNBytes(PEEK_BYTES);
        return new Peeked(type(head), new SequenceInputStream(new ByteArrayInputStream(head), in));
    }

    /** The type in a stream's first bytes, or empty when they are not a DRR_BEGIN record of a known type. */
    public static Optional<DatasetType> type(byte[] head) {
        if (head.length < PEEK_BYTES) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getLong(8) != MAGIC) {
            b.order(ByteOrder.BIG_ENDIAN);
            if (b.getLong(8) != MAGIC) {
                return Optional.empty();
            }
        }
        if (b.getInt(0) != DRR_BEGIN) {
            return Optional.empty();
        }
        return switch (b.getInt(32)) {
            case OST_ZFS -> Optional.of(DatasetType.FILESYSTEM);
            case OST_ZVOL -> Optional.of(DatasetType.VOLUME);
            default -> Optional.empty();
        };
    }
}
