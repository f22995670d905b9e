package org.jzrepl.replication.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.ZfsReceiver;
import org.jzrepl.endpoint.ZfsSender;
import org.jzrepl.testing.zfs.InMemoryZfs;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.SendFlags;

/**
 * The zfs calls planning costs with many filesystems (zrepl's issue #480): both sides' listings
 * for {@link Listing#gather} are one recursive listing per side, not one per filesystem.
 */
class ListingCallsTest {

    private static final int N = 100;
    private static final DatasetPath ROOT = DatasetPath.parse("tank/dst");

    private final InMemoryZfs src = new InMemoryZfs();
    private final InMemoryZfs dst = new InMemoryZfs();
    private final ZfsSender sender = new ZfsSender(src, "job", FilesystemFilter.of(Map.of("pool/many<", true)),
            SendFlags.NONE);
    private final ZfsReceiver receiver = ZfsReceiver.forPull(dst, "job", ROOT, RecvOptions.DEFAULT);

    ListingCallsTest() throws Exception {
        dst.create(ROOT, Map.of(), true);
        for (int i = 1; i <= N; i++) {
            DatasetPath fs = DatasetPath.parse("pool/many/f" + i);
            src.create(fs, Map.of(), true);
            src.snapshot(fs, "s1");
            src.snapshot(fs, "s2");
            FilesystemVersion s1 = src.dataset(fs).orElseThrow().snapshots().get(0);
            DatasetPath copy = ROOT.child("pool").child("many").child("f" + i);
            dst.create(copy, Map.of(), true);
            dst.received(copy, "s1", s1.guid(), Instant.parse("2026-01-01T00:00:00Z"));
        }
    }

    private Listing gather() throws Exception {
        int srcBefore = src.calls().size();
        int dstBefore = dst.calls().size();
        Listing l = Listing.gather(EndpointSession.of(sender, receiver, () -> { }));
        assertEquals(List.of("listTrees"), src.calls().subList(srcBefore, src.calls().size()),
                "the sender lists its filter's tree once, with versions, and answers each filesystem from it");
        assertEquals(List.of("listTree"), dst.calls().subList(dstBefore, dst.calls().size()),
                "the receiver lists root_fs once and answers each filesystem from it");
        return l;
    }

    @Test
    void gatheringNFilesystemsCostsOneListingPerSide() throws Exception {
        Listing l = gather();
        assertEquals(N + 1, l.senders().size(), "f1..fN and their parent pool/many");
        assertEquals(N + 1, l.receivers().size());
        assertEquals(Map.of(), l.errors());
        for (var s : l.senders()) {
            if (!s.path().name().equals("pool/many")) {
                assertEquals(List.of("s1", "s2"), s.versions().stream().map(FilesystemVersion::name).toList());
            }
        }
        for (var r : l.receivers()) {
            if (!r.path().name().equals("pool/many")) {
                FilesystemVersion sent = l.senders().stream().filter(s -> s.path().equals(r.path())).findFirst()
                        .orElseThrow().versions().get(0);
                assertEquals(List.of(sent.guid()), r.versions().stream().map(FilesystemVersion::guid).toList(),
                        "the receiver's versions of " + r.path() + " as its own listing shows them");
            }
        }
        src.snapshot(DatasetPath.parse("pool/many/f7"), "s3");
        Listing again = gather();   // a second planning lists afresh, once per side again
        assertEquals(List.of("s1", "s2", "s3"), again.senders().stream().filter(s -> s.path().name().equals("pool/many/f7"))
                .findFirst().orElseThrow().versions().stream().map(FilesystemVersion::name).toList());
    }
}
