package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.testing.zfs.InMemoryZfs;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.SendFlags;

/**
 * One source job serving two clients (two backup servers pulling the same dataset): one client's
 * completed step must leave the other's cursor and the step holds of its in-flight step alone.
 */
class PerClientProtectionTest {

    private static final DatasetPath FS = DatasetPath.parse("pool/data");
    private static final ReplicationConfig RESUMABLE = new ReplicationConfig(
            ProtectionGuarantee.GUARANTEE_RESUMABILITY, ProtectionGuarantee.GUARANTEE_RESUMABILITY);

    private final InMemoryZfs zfs = new InMemoryZfs();
    private final ZfsSender source = new ZfsSender(zfs, "src", FilesystemFilter.of(Map.of("pool<", true)),
            SendFlags.NONE);

    private Sender client(String identity) {
        return source.forClient(identity);                   // as the source job serves each identity
    }

    private StepProtection stepProtectionOf(String identity) {
        return new StepProtection(zfs, "src", identity);
    }

    private FilesystemVersion v(String name) throws Exception {
        return zfs.dataset(FS).orElseThrow().versions().stream().filter(x -> x.isSnapshot() && x.name().equals(name))
                .findFirst().orElseThrow();
    }

    private void complete(Sender s, String from, String to) throws Exception {
        s.sendCompleted(new SendCompletedRequest(new SendRequest(FS.name(), from == null ? null : Version.of(v(from)),
                Version.of(v(to)), null, RESUMABLE)));
    }

    private boolean cursorAt(String snapshot) throws Exception {
        FilesystemVersion s = v(snapshot);
        return zfs.dataset(FS).orElseThrow().versions().stream()
                .anyMatch(b -> b.isBookmark() && b.guid().equals(s.guid())
                        && AbstractionNames.parseBookmark(b.name()).isPresent());
    }

    @Test
    void oneClientsCompletedStepLeavesTheOtherClientsCursorAndStepHoldsAlone() throws Exception {
        zfs.create(FS, Map.of(), true);
        for (String s : List.of("s1", "s2", "s3")) {
            zfs.snapshot(FS, s);
        }
        Sender alice = client("alice");
        Sender bob = client("bob");
        complete(bob, null, "s1");                           // bob's cursor: s1
        complete(alice, null, "s1");
        complete(alice, "s1", "s2");                         // alice moves on to s2
        // bob's step s1 -> s3 is in flight (interrupted, to be resumed): its step holds are on s1 and s3
        stepProtectionOf("bob").beforeStep(ProtectionGuarantee.GUARANTEE_RESUMABILITY, FS, v("s1"), v("s3"));
        complete(alice, "s2", "s3");                         // alice completes s2 -> s3

        List<String> s1Holds = zfs.holds(FS, "s1");
        List<String> s3Holds = zfs.holds(FS, "s3");
        List<String> s2Holds = zfs.holds(FS, "s2");
        boolean bobsCursor = cursorAt("s1");
        String listing = zfs.dataset(FS).orElseThrow().versions().toString();
        assertAll(
                () -> assertTrue(bobsCursor, "bob's cursor at s1 (his incremental base) was destroyed: " + listing),
                () -> assertFalse(s1Holds.isEmpty(), "bob's step hold on s1 was released"),
                () -> assertFalse(s3Holds.isEmpty(), "bob's step hold on s3 was released"),
                () -> assertEquals(List.of(), s2Holds, "alice's step holds are gone"));
    }

    @Test
    void theReplicationCursorNamesTheCallersOwnAndEveryClientsLegacyOnlyWhileNoClientHasOne() throws Exception {
        zfs.create(FS, Map.of(), true);
        for (String s : List.of("s1", "s2", "s3")) {
            zfs.snapshot(FS, s);
        }
        complete(source, null, "s1");                        // a job-only cursor, as before per-client names
        Messages.FilesystemRequest req = new Messages.FilesystemRequest(FS.name());
        assertEquals(List.of(new Messages.ClientCursor(null, v("s1").guid().decimal())),
                client("alice").replicationCursor(req).clients());
        assertEquals(null, client("alice").replicationCursor(req).guid());

        complete(client("alice"), "s1", "s3");
        complete(client("bob"), "s1", "s2");
        Messages.ReplicationCursorResponse r = client("alice").replicationCursor(req);
        assertEquals(v("s3").guid().decimal(), r.guid());
        assertEquals(java.util.Set.of(new Messages.ClientCursor("alice", v("s3").guid().decimal()),
                new Messages.ClientCursor("bob", v("s2").guid().decimal())), java.util.Set.copyOf(r.clients()));
        assertTrue(cursorAt("s1"), "the legacy cursor stays: a client that did not replicate since may need it");
    }

    @Test
    void destroyingRefusesEachClientsCursorSnapshotNamingTheClient() throws Exception {
        zfs.create(FS, Map.of(), true);
        zfs.snapshot(FS, "s1");
        zfs.snapshot(FS, "s2");
        complete(client("bob"), null, "s1");
        Messages.DestroySnapshotsResponse r = client("alice").destroySnapshots(
                new Messages.DestroySnapshotsRequest(FS.name(), List.of("s1")));
        assertTrue(r.results().get(0).refused(), r.toString());
        assertTrue(r.results().get(0).error().contains("client bob of job src"), r.toString());
    }

    @Test
    void aClientRemovedFromTheConfigNoLongerHoldsNotReplicatedBackButKeepsItsCursor() throws Exception {
        zfs.create(FS, Map.of(), true);
        for (String s : List.of("s1", "s2", "s3")) {
            zfs.snapshot(FS, s);
        }
        complete(client("alice"), null, "s3");
        complete(client("bob"), null, "s1");                 // bob lags, then leaves the config
        org.jzrepl.config.JobConfig.Source onlyAlice = new org.jzrepl.config.JobConfig.Source("src",
                new org.jzrepl.config.ServeConfig.Stdinserver(List.of("alice")),
                FilesystemFilter.of(Map.of("pool<", true)), org.jzrepl.config.SendOptions.DEFAULT,
                new org.jzrepl.config.SnapshottingConfig.Manual());
        ZfsSender configured = ZfsSender.fromConfig(zfs, onlyAlice);
        Messages.ReplicationCursorResponse r = configured.forClient("alice")
                .replicationCursor(new Messages.FilesystemRequest(FS.name()));
        assertEquals(List.of(new Messages.ClientCursor("alice", v("s3").guid().decimal())), r.clients());
        assertTrue(cursorAt("s1"), "bob's cursor itself stays: it still refuses the destroy of his base");
        assertTrue(configured.forClient("alice").destroySnapshots(
                new Messages.DestroySnapshotsRequest(FS.name(), List.of("s1"))).results().get(0).refused());
    }
}
