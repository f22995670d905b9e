package org.jzrepl.replication.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.VersionType;

/**
 * Random linear histories: the sender destroyed some snapshots, kept bookmarks of others, has both
 * for some; the receiver received a prefix and pruned some of its own. Whatever the mix, the plan
 * is a gap-free chain of snapshots ending at the sender's newest, starting at the receiver's newest.
 */
class PlannerProperties {

    private static FilesystemVersion version(VersionType type, int k, long guid, long txg) {
        return new FilesystemVersion(type, "s" + k, new Guid(guid), txg, Instant.ofEpochSecond(1_700_000_000L + k));
    }

    @Property(tries = 400)
    void receivedPrefixPlansAChainToTheNewestSenderSnapshot(@ForAll @IntRange(min = 1, max = 40) int n,
                                                          @ForAll @IntRange(min = 0, max = 40) int received,
                                                          @ForAll long seed) {
        Random rnd = new Random(seed);
        int m = Math.min(received, n);
        List<FilesystemVersion> snd = new ArrayList<>();
        List<FilesystemVersion> rcv = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long guid = rnd.nextLong();
            int fate = k == n - 1 ? 5 : rnd.nextInt(6);
            if (fate == 0 && k == m - 1) {
                fate = 1;
            }
            if (fate >= 2) {
                snd.add(version(VersionType.SNAPSHOT, k, guid, 100 + 10L * k));
            }
            if (fate == 1 || fate == 2) {
                snd.add(version(VersionType.BOOKMARK, k, guid, 100 + 10L * k));
            }
            if (k < m && (k == m - 1 || rnd.nextInt(4) > 0)) {
                rcv.add(version(VersionType.SNAPSHOT, k, guid, 7 + 3L * k));
            }
        }
        Collections.shuffle(snd, rnd);
        Collections.shuffle(rcv, rnd);
        Outcome outcome = Planner.planFilesystem(new SenderFilesystem(Fixtures.FS, snd),
                Optional.of(new ReceiverFilesystem(Fixtures.FS, rcv, Optional.empty(), false)),
                new PlanPolicy(InitialReplication.ALL));

        long newestSender = 100 + 10L * (n - 1);
        if (m == n) {
            assertEquals(newestSender, assertInstanceOf(Outcome.UpToDate.class, outcome).newestCommon().createTxg());
            return;
        }
        List<Step> steps = assertInstanceOf(Outcome.Replicate.class, outcome).steps();
        long expectedStart = m == 0 ? -1 : 100 + 10L * (m - 1);
        assertEquals(expectedStart, steps.get(0).from().map(FilesystemVersion::createTxg).orElse(-1L));
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            assertTrue(s.to().isSnapshot());
            assertTrue(s.from().map(f -> f.createTxg() < s.to().createTxg()).orElse(true), "forward only");
            if (i > 0) {
                assertEquals(steps.get(i - 1).to(), s.from().orElseThrow(), "no gap between steps");
                assertTrue(s.from().get().isSnapshot(), "only the first step may start at a bookmark");
            }
        }
        assertEquals(newestSender, steps.get(steps.size() - 1).to().createTxg());
    }
}
