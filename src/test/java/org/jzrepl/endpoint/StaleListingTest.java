package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.Messages.DestroyResult;
import org.jzrepl.endpoint.Messages.DestroySnapshotsRequest;
import org.jzrepl.endpoint.Messages.FilesystemRequest;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.testing.zfs.InMemoryZfs;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.VersionRef;

/**
 * The recent listing that answers planning ({@link ListingSnapshot}) goes stale when zfs changes
 * behind the endpoint's back; these show that it then still answers planning from the old state
 * (so the cache is really in use), while a send and a destroy decide on a fresh listing.
 */
class StaleListingTest {

    private static final DatasetPath FS = DatasetPath.parse("pool/data");
    private static final ReplicationConfig NOTHING = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_NOTHING,
            ProtectionGuarantee.GUARANTEE_NOTHING);

    private final InMemoryZfs zfs = new InMemoryZfs();
    private final ZfsSender sender = new ZfsSender(zfs, "job", FilesystemFilter.of(Map.of("pool<", true)),
            SendFlags.NONE);

    private FilesystemVersion snapshot(DatasetPath fs, String name) throws Exception {
        return zfs.dataset(fs).orElseThrow().snapshots().stream().filter(v -> v.name().equals(name))
                .findFirst().orElseThrow();
    }

    private List<String> guidsListed(Endpoint e, String fs) throws Exception {
        return e.listFilesystemVersions(new FilesystemRequest(fs)).versions().stream().map(Version::guid).toList();
    }

    @Test
    void aSendOfASnapshotReplacedSinceTheListingIsRefusedBeforeZfsSends() throws Exception {
        zfs.create(FS, Map.of(), true);
        zfs.snapshot(FS, "s1");
        Version listed = Version.of(snapshot(FS, "s1"));
        sender.listFilesystems();
        zfs.destroySnapshots(FS, List.of("s1"));            // replaced behind the sender's back
        zfs.snapshot(FS, "s1");
        assertEquals(List.of(listed.guid()), guidsListed(sender, FS.name()), "planning sees the listing of before");

        EndpointException e = assertThrows(EndpointException.class,
                () -> sender.send(new SendRequest(FS.name(), null, listed, null, NOTHING)));
        assertEquals(EndpointException.VERSION_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("replaced"), e.getMessage());
        assertFalse(zfs.calls().contains("send"), "zfs send never ran");
    }

    @Test
    void aDestroyRefusesTheSnapshotACursorMovedToAfterTheListing() throws Exception {
        zfs.create(FS, Map.of(), true);
        zfs.snapshot(FS, "s1");
        zfs.snapshot(FS, "s2");
        Guid g1 = snapshot(FS, "s1").guid();
        Guid g2 = snapshot(FS, "s2").guid();
        zfs.bookmark(FS, VersionRef.snapshot("s1"), AbstractionNames.cursor(g1, "job"));
        sender.listFilesystems();
        // another connection of this source job moves the cursor to s2
        zfs.bookmark(FS, VersionRef.snapshot("s2"), AbstractionNames.cursor(g2, "job"));
        zfs.destroyBookmark(FS, AbstractionNames.cursor(g1, "job"));
        assertEquals(g1.decimal(), sender.replicationCursor(new FilesystemRequest(FS.name())).guid(),
                "the pruner's cursor question is answered from the listing of before");

        List<DestroyResult> r = sender.destroySnapshots(new DestroySnapshotsRequest(FS.name(), List.of("s2")))
                .results();
        assertTrue(r.get(0).refused(), "the destroy lists afresh and sees the cursor on s2: " + r);
        assertEquals(List.of("s1", "s2"), zfs.snapshotNames(FS));

        sender.destroySnapshots(new DestroySnapshotsRequest(FS.name(), List.of("s1")));
        assertEquals(List.of(g2.decimal()), guidsListed(sender, FS.name()).subList(0, 1),
                "after this endpoint changed the filesystem, planning lists it afresh");
        assertEquals(g2.decimal(), sender.replicationCursor(new FilesystemRequest(FS.name())).guid());
    }

    @Test
    void theReceiverRefusesToDestroyItsNewestSnapshotEvenWhenItsListingIsOlder() throws Exception {
        DatasetPath root = DatasetPath.parse("tank/dst");
        DatasetPath target = root.child("pool").child("data");
        ZfsReceiver receiver = ZfsReceiver.forPull(zfs, "job", root, RecvOptions.DEFAULT);
        zfs.create(target, Map.of(), true);
        zfs.received(target, "s1", new Guid(11), Instant.parse("2026-01-01T00:00:00Z"));
        receiver.listFilesystems();
        zfs.received(target, "s2", new Guid(22), Instant.parse("2026-01-02T00:00:00Z"));
        assertEquals(List.of("11"), guidsListed(receiver, FS.name()), "planning sees the listing of before");

        List<DestroyResult> r = receiver.destroySnapshots(new DestroySnapshotsRequest(FS.name(), List.of("s2")))
                .results();
        assertNotNull(r.get(0).error());
        assertTrue(r.get(0).refused(), "s2 is the newest on a fresh listing: " + r);
        assertEquals(List.of("s1", "s2"), zfs.snapshotNames(target));
    }
}
