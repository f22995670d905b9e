package org.jzrepl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jzrepl.replication.plan.Diverged;
import org.jzrepl.replication.plan.FilesystemPlan;
import org.jzrepl.replication.plan.Outcome;
import org.jzrepl.replication.plan.Plan;
import org.jzrepl.replication.plan.PlanPolicy;
import org.jzrepl.replication.plan.Planner;
import org.jzrepl.replication.plan.ReceiverFilesystem;
import org.jzrepl.replication.plan.SenderFilesystem;
import org.jzrepl.replication.plan.Step;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.VersionType;

/** The benchmark's canned listing parses as zfs prints it and plans to the scenarios it describes. */
class ZfsListTextTest {

    @Test
    void parsesFilesystemsSnapshotsAndBookmarksGroupedByFilesystem() {
        String text = "tank\t11\t1\t1600000000\n"
                + "tank/a\t12\t5\t1600000001\n"
                + "tank/a@s1\t18446744073709551615\t7\t1600000100\n"
                + "tank/a#b1\t13\t6\t1600000050\n";
        Map<DatasetPath, List<FilesystemVersion>> m = ZfsListText.parse(text, Optional.empty());
        assertEquals(List.of(DatasetPath.parse("tank"), DatasetPath.parse("tank/a")), List.copyOf(m.keySet()));
        assertEquals(List.of(), m.get(DatasetPath.parse("tank")));
        assertEquals(List.of(
                new FilesystemVersion(VersionType.SNAPSHOT, "s1", new Guid(-1L), 7, Instant.ofEpochSecond(1600000100)),
                new FilesystemVersion(VersionType.BOOKMARK, "b1", new Guid(13), 6, Instant.ofEpochSecond(1600000050))),
                m.get(DatasetPath.parse("tank/a")));
    }

    @Test
    void mapsReceiverNamesBelowRootBackAndSkipsTheRest() {
        String text = "backup\t1\t1\t1\nbackup/h1\t2\t2\t2\nbackup/h1/tank/a@s\t3\t3\t3\nother/x@s\t4\t4\t4\n";
        Map<DatasetPath, List<FilesystemVersion>> m =
                ZfsListText.parse(text, Optional.of(DatasetPath.parse("backup/h1")));
        assertEquals(List.of(DatasetPath.parse("tank/a")), List.copyOf(m.keySet()));
    }

    @Test
    void rejectsMalformedLinesNamingTheLine() {
        IllegalArgumentException fields = assertThrows(IllegalArgumentException.class,
                () -> ZfsListText.parse("tank\t1\t1\t1\ntank@s\t2\t2\n", Optional.empty()));
        assertEquals("line 2: expected 4 tab-separated fields: tank@s\t2\t2", fields.getMessage());
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> ZfsListText.parse("tank@s\tx\t2\t3\n", Optional.empty()));
        assertTrue(number.getMessage().startsWith("line 1: "), number.getMessage());
    }

    @Test
    void cannedListingPlansToItsTenScenarios() {
        CannedListing listing = CannedListing.generate(10, 100, 7);
        List<SenderFilesystem> senders = new ArrayList<>();
        ZfsListText.parse(listing.sender, Optional.empty())
                .forEach((fs, v) -> senders.add(new SenderFilesystem(fs, v)));
        List<ReceiverFilesystem> receivers = new ArrayList<>();
        ZfsListText.parse(listing.receiver, Optional.of(DatasetPath.parse(CannedListing.RECEIVER_ROOT)))
                .forEach((fs, v) -> receivers.add(new ReceiverFilesystem(fs, v, Optional.empty(), false)));
        Plan plan = Planner.plan(senders, receivers, PlanPolicy.DEFAULT);

        List<FilesystemPlan> fss = plan.filesystems();
        assertEquals(10, fss.size());
        assertEquals("tank/data/u0", fss.get(0).fs().name());
        for (int i = 1; i < 10; i++) {
            assertEquals(Optional.of(fss.get(0).fs()), fss.get(i).parent());
        }
        for (int i = 0; i < 6; i++) {
            assertEquals(10, fss.get(i).steps().size(), fss.get(i).fs().name());
        }
        assertInstanceOf(Outcome.UpToDate.class, fss.get(6).outcome());
        List<Step> fromBookmark = fss.get(7).steps();
        assertEquals(50, fromBookmark.size());
        assertTrue(fromBookmark.get(0).from().orElseThrow().isBookmark());
        List<Step> initial = fss.get(8).steps();
        assertEquals(1, initial.size());
        assertEquals("zrepl_20231115_225820_000", initial.get(0).to().name());
        assertEquals(1, assertInstanceOf(Diverged.class, fss.get(9).outcome()).receiverOnly().size());
    }
}
