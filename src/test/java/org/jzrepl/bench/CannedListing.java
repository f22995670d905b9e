package org.jzrepl.bench;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Generates a realistic pair of {@code zfs list -H -p} listings (sender, receiver) for the plan
 * benchmark: {@code filesystems} datasets in a two-level tree, {@code snapshots} zrepl-named
 * snapshots each on the sender. Per ten filesystems: six need ten incrementals, one is up to date,
 * one has the receiver's newest snapshot pruned on the sender with only its bookmark left (incremental
 * from a bookmark), one is new on the receiver (initial replication), one has diverged on the receiver.
 */
public final class CannedListing {

    public static final String SENDER_POOL = "tank/data";
    public static final String RECEIVER_ROOT = "backup/jzrepl/host1";
    private static final DateTimeFormatter DENSE = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final long EPOCH0 = 1_700_000_000L;

    public final String sender;
    public final String receiver;

    private CannedListing(String sender, String receiver) {
        this.sender = sender;
        this.receiver = receiver;
    }

    public static CannedListing generate(int filesystems, int snapshots, long seed) {
        Random rnd = new Random(seed);
        StringBuilder snd = new StringBuilder(filesystems * snapshots * 72);
        StringBuilder rcv = new StringBuilder(filesystems * snapshots * 80);
        String[] names = new String[snapshots];
        long[] epochs = new long[snapshots];
        for (int k = 0; k < snapshots; k++) {
            epochs[k] = EPOCH0 + k * 900L;
            names[k] = "zrepl_" + DENSE.format(LocalDateTime.ofEpochSecond(epochs[k], 0, ZoneOffset.UTC)) + "_000";
        }
        line(rcv, RECEIVER_ROOT, rnd.nextLong(), 40, EPOCH0 - 86_400);
        line(rcv, RECEIVER_ROOT + "/tank", rnd.nextLong(), 41, EPOCH0 - 86_400);
        line(rcv, RECEIVER_ROOT + "/" + SENDER_POOL, rnd.nextLong(), 42, EPOCH0 - 86_400);
        for (int i = 0; i < filesystems; i++) {
            String fs = SENDER_POOL + "/" + (i % 10 == 0 ? "u" + i / 10 : "u" + i / 10 + "/c" + i % 10);
            long[] guids = new long[snapshots];
            for (int k = 0; k < snapshots; k++) {
                guids[k] = rnd.nextLong();
            }
            long sTxg = 1_000 + i;
            long rTxg = 50_000 + i;
            int scenario = i % 10;
            line(snd, fs, rnd.nextLong(), sTxg, EPOCH0 - 3_600);
            int pruned = scenario == 7 ? snapshots / 2 - 1 : -1;
            for (int k = 0; k < snapshots; k++) {
                char delimiter = k == pruned ? '#' : '@';
                line(snd, fs + delimiter + names[k], guids[k], sTxg + 10L * (k + 1), epochs[k]);
            }
            if (scenario == 8) {
                continue;
            }
            int received = switch (scenario) {
                case 6 -> snapshots;
                case 7 -> pruned + 1;
                case 9 -> snapshots / 2;
                default -> snapshots - 10;
            };
            String rfs = RECEIVER_ROOT + "/" + fs;
            line(rcv, rfs, rnd.nextLong(), rTxg, EPOCH0 - 3_000);
            for (int k = 0; k < received; k++) {
                line(rcv, rfs + "@" + names[k], guids[k], rTxg + 3L * (k + 1), epochs[k]);
            }
            if (scenario == 9) {
                line(rcv, rfs + "@local_edit", rnd.nextLong(), rTxg + 3L * (received + 1), epochs[received]);
            }
        }
        return new CannedListing(snd.toString(), rcv.toString());
    }

    private static void line(StringBuilder sb, String name, long guid, long txg, long epoch) {
        sb.append(name).append('\t').append(Long.toUnsignedString(guid)).append('\t').append(txg)
                .append('\t').append(epoch).append('\n');
    }
}
