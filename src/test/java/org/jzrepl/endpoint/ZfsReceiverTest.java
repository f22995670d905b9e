package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.zfs.DatasetExistsException;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;
import org.jzrepl.zfs.Property;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.SendStreamBytes;
import org.jzrepl.zfs.VersionType;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;
import org.mockito.InOrder;

/** Receiver decisions with zfs mocked; real receives are in EndpointIT and SinkIT. */
class ZfsReceiverTest {

    private static final DatasetPath ROOT = DatasetPath.parse("tank/sink");
    private static final DatasetPath TARGET = DatasetPath.parse("tank/sink/client/pool/data");
    private static final ReplicationConfig RESUMABLE = new ReplicationConfig(
            ProtectionGuarantee.GUARANTEE_RESUMABILITY, ProtectionGuarantee.GUARANTEE_RESUMABILITY);
    private static final Version TO = new Version(VersionType.SNAPSHOT, "s1", "42", 10, "2026-01-01T00:00:00Z");

    private static final Version FROM = new Version(VersionType.SNAPSHOT, "s0", "41", 5, "2026-01-01T00:00:00Z");

    private static final String HOLD = "jzrepl_last_received_J_sink1";

    private final Zfs zfs = mock(Zfs.class);
    private final ZfsReceiver sink = ZfsReceiver.forSink(zfs, "sink1", ROOT, "client", RecvOptions.DEFAULT);

    private void existingTarget() throws Exception {
        when(zfs.dataset(TARGET)).thenReturn(Optional.of(new DatasetInfo(TARGET, DatasetType.FILESYSTEM, new Guid(1),
                Optional.empty(), false, "off", KeyStatus.NONE, Optional.empty(), List.of())));
    }

    @Test
    void aNameValidForTheSenderButTooLongBelowTheRootIsRefusedBeforeZfsRuns() {
        String name = "pool/" + "x".repeat(240);        // valid on the sender, > 255 bytes below tank/sink/client
        EndpointException e = assertThrows(EndpointException.class, () -> sink.receive(
                new ReceiveRequest(name, null, TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0])));
        assertEquals(EndpointException.PATH_ESCAPES_ROOT, e.code());
        assertThrows(EndpointException.class, () -> sink.listFilesystemVersions(new Messages.FilesystemRequest(name)));
        verifyNoInteractions(zfs);
    }

    private void received(String guid) throws Exception {
        when(zfs.get(TARGET.name() + "@s1", List.of("guid", "createtxg"))).thenReturn(Map.of(
                "guid", new Property("guid", guid, "-"), "createtxg", new Property("createtxg", "10", "-")));
    }

    @Test
    void receivedGuidOtherThanAnnouncedIsAVersionMismatchAndTheHoldPlacedMeanwhileIsReleased() throws Exception {
        existingTarget();
        received("43");
        EndpointException e = assertThrows(EndpointException.class, () -> sink.receive(
                new ReceiveRequest("pool/data", null, TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0])));
        assertEquals(EndpointException.VERSION_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("43") && e.getMessage().contains("42"), e.getMessage());
        InOrder order = inOrder(zfs);
        order.verify(zfs).hold(TARGET, "s1", HOLD);
        order.verify(zfs).release(TARGET, "s1", HOLD);
    }

    @Test
    void aHoldFromAnEarlierConfirmationStaysWhenTheCheckFails() throws Exception {
        existingTarget();
        received("43");
        doThrow(new DatasetExistsException(List.of("hold"), 1, "tag already exists on this dataset"))
                .when(zfs).hold(TARGET, "s1", HOLD);
        EndpointException e = assertThrows(EndpointException.class, () -> sink.receive(
                new ReceiveRequest("pool/data", null, TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0])));
        assertEquals(EndpointException.VERSION_MISMATCH, e.code());
        verify(zfs, never()).release(any(), anyString(), anyString());
        verify(zfs, never()).release(any(), anyList(), anyString());
    }

    @Test
    void aFailedHoldFailsTheReceiveEvenWhenTheCheckPassed() throws Exception {
        existingTarget();
        received("42");
        doThrow(new ZfsException(List.of("hold"), 1, "out of space")).when(zfs).hold(TARGET, "s1", HOLD);
        EndpointException e = assertThrows(EndpointException.class, () -> sink.receive(
                new ReceiveRequest("pool/data", null, TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0])));
        assertTrue(e.getMessage().contains("moving hold") && e.getMessage().contains("out of space"), e.getMessage());
        verify(zfs, never()).release(any(), anyString(), anyString());
        verify(zfs, never()).release(any(), anyList(), anyString());
    }

    @Test
    void theHoldMovesOffThePriorSnapshotWithAPlainReleaseThatAcceptsAMissingTag() throws Exception {
        FilesystemVersion s0 = new FilesystemVersion(VersionType.SNAPSHOT, "s0", new Guid(41), 5,
                Instant.parse("2026-01-01T00:00:00Z"));
        when(zfs.dataset(TARGET)).thenReturn(Optional.of(new DatasetInfo(TARGET, DatasetType.FILESYSTEM, new Guid(1),
                Optional.empty(), false, "off", KeyStatus.NONE, Optional.empty(), List.of(s0))));
        received("42");
        doThrow(new DatasetNotFoundException(List.of("release"), 1, "no such tag on this dataset"))
                .when(zfs).release(TARGET, List.of("s0"), HOLD);
        sink.receive(new ReceiveRequest("pool/data", null, TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0]));
        InOrder order = inOrder(zfs);
        order.verify(zfs).hold(TARGET, "s1", HOLD);
        order.verify(zfs).release(TARGET, List.of("s0"), HOLD);
        verify(zfs, never()).holds(any(), anyString());
    }

    @Test
    void theHoldLeavesTheNewestFewSnapshotsBeforeWhereADeadDaemonMayHaveLeftItInOneCommand() throws Exception {
        List<FilesystemVersion> before = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            before.add(new FilesystemVersion(VersionType.SNAPSHOT, "p" + i, new Guid(100 + i), 2 * i + 1,
                    Instant.parse("2026-01-01T00:00:00Z")));
            before.add(new FilesystemVersion(VersionType.BOOKMARK, "b" + i, new Guid(100 + i), 2 * i + 1,
                    Instant.parse("2026-01-01T00:00:00Z")));
        }
        when(zfs.dataset(TARGET)).thenReturn(Optional.of(new DatasetInfo(TARGET, DatasetType.FILESYSTEM, new Guid(1),
                Optional.empty(), false, "off", KeyStatus.NONE, Optional.empty(), before)));
        received("42");
        sink.receive(new ReceiveRequest("pool/data", FROM, TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0]));
        verify(zfs).release(TARGET, List.of("p5", "p4", "p3", "p2"), HOLD);
        verify(zfs, never()).release(any(), anyString(), anyString());
    }

    private void priorSnapshotS0() throws Exception {
        FilesystemVersion s0 = new FilesystemVersion(VersionType.SNAPSHOT, "s0", new Guid(41), 5,
                Instant.parse("2026-01-01T00:00:00Z"));
        when(zfs.dataset(TARGET)).thenReturn(Optional.of(new DatasetInfo(TARGET, DatasetType.FILESYSTEM, new Guid(1),
                Optional.empty(), false, "off", KeyStatus.NONE, Optional.empty(), List.of(s0))));
    }

    @Test
    void aStreamThatBreaksAfterZfsHadAllOfItStillMovesTheHoldAndFailsTheStep() throws Exception {
        priorSnapshotS0();
        received("42");                         // zfs recv exited 0: s1 is there, whole
        IOException cut = new IOException("peer closed the connection");
        doThrow(cut).when(zfs).recv(any(), any());
        IOException e = assertThrows(IOException.class, () -> sink.receive(
                new ReceiveRequest("pool/data", FROM, TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0])));
        assertSame(cut, e, "the break stays the step's error: the sender never heard the receive end");
        verify(zfs).hold(TARGET, "s1", HOLD);
        verify(zfs).release(TARGET, List.of("s0"), HOLD);
    }

    @Test
    void aStreamThatBreaksBeforeTheSnapshotArrivedLeavesTheHoldWhereItIs() throws Exception {
        priorSnapshotS0();
        when(zfs.get(TARGET.name() + "@s1", List.of("guid", "createtxg")))
                .thenThrow(new DatasetNotFoundException(List.of("get"), 1, "dataset does not exist"));
        doThrow(new IOException("peer closed the connection")).when(zfs).recv(any(), any());
        assertThrows(IOException.class, () -> sink.receive(
                new ReceiveRequest("pool/data", FROM, TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0])));
        verify(zfs, never()).hold(any(), anyString(), anyString());
        verify(zfs, never()).release(any(), anyString(), anyString());
        verify(zfs, never()).release(any(), anyList(), anyString());
    }

    @Test
    void aBrokenStreamWithAnotherSnapshotThereMovesNothingAndAFailedLookupJoinsTheBreak() throws Exception {
        priorSnapshotS0();
        received("43");
        doThrow(new IOException("cut")).when(zfs).recv(any(), any());
        assertThrows(IOException.class, () -> sink.receive(
                new ReceiveRequest("pool/data", FROM, TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0])));
        verify(zfs, never()).hold(any(), anyString(), anyString());

        when(zfs.get(TARGET.name() + "@s1", List.of("guid", "createtxg")))
                .thenThrow(new ZfsException(List.of("get"), 1, "I/O error"));
        IOException e = assertThrows(IOException.class, () -> sink.receive(
                new ReceiveRequest("pool/data", FROM, TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0])));
        assertEquals("cut", e.getMessage());
        assertEquals(1, e.getSuppressed().length, "the lookup's failure is told with the break");
        verify(zfs, never()).release(any(), anyString(), anyString());
        verify(zfs, never()).release(any(), anyList(), anyString());
    }

    @Test
    void guaranteeNothingChecksTheGuidButHoldsNothing() throws Exception {
        existingTarget();
        received("42");
        ReplicationConfig nothing = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_NOTHING,
                ProtectionGuarantee.GUARANTEE_NOTHING);
        sink.receive(new ReceiveRequest("pool/data", null, TO, true, nothing), new ByteArrayInputStream(new byte[0]));
        verify(zfs).get(TARGET.name() + "@s1", List.of("guid", "createtxg"));
        verify(zfs, never()).hold(any(), anyString(), anyString());
    }

    @Test
    void incrementalReceiveIsResumableUnmountedAndKeepsConfiguredProperties() throws Exception {
        existingTarget();
        received("42");
        ZfsReceiver r = ZfsReceiver.forSink(zfs, "sink1", ROOT, "client", RecvOptions.DEFAULT
                .withProperties(List.of("mountpoint"), Map.of("readonly", "on")).withSafeMount(false));
        r.receive(new ReceiveRequest("pool/data", FROM, TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0]));
        verify(zfs).recv(eq(new RecvArgs(TARGET, false, true, true, List.of("mountpoint"), Map.of("readonly", "on"))),
                any());
        verify(zfs).hold(TARGET, "s1", HOLD);
        verify(zfs, never()).encryption(any());
    }

    @Test
    void byDefaultAnIncrementalIntoAFilesystemIsNeitherAutoMountedNorSharedNorSetuid() throws Exception {
        existingTarget();
        received("42");
        sink.receive(new ReceiveRequest("pool/data", FROM, TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0]));
        verify(zfs).recv(eq(new RecvArgs(TARGET, false, true, true, List.of("sharenfs", "sharesmb"),
                Map.of("canmount", "noauto", "setuid", "off", "devices", "off", "readonly", "on"))), any());
    }

    @Test
    void aNewFilesystemGetsTheSafeSetAndTheUnmarkedPlaceholderMarksAndTheWholeStream() throws Exception {
        when(zfs.dataset(TARGET)).thenReturn(Optional.empty());
        when(zfs.encryption(any())).thenReturn(Map.of(ROOT, "off", ROOT.child("client"), "off",
                ROOT.child("client").child("pool"), "off"));
        received("42");
        byte[] stream = SendStreamBytes.plain(SendStreamBytes.OST_ZFS, 100);
        byte[][] fed = new byte[1][];
        doAnswer(inv -> {
            fed[0] = inv.<InputStream>getArgument(1).readAllBytes();
            return null;
        }).when(zfs).recv(any(), any());
        sink.receive(new ReceiveRequest("pool/data", null, TO, true, RESUMABLE), new ByteArrayInputStream(stream));
        verify(zfs).recv(eq(new RecvArgs(TARGET, false, true, true, List.of("sharenfs", "sharesmb"),
                Map.of("canmount", "noauto", "setuid", "off", "devices", "off", "readonly", "on",
                        "jzrepl:placeholder", "off", "zrepl:placeholder", "off"))), any());
        assertArrayEquals(stream, fed[0], "zfs gets the bytes read ahead too");
    }

    @Test
    void aResumedFullReceiveKeepsThePartialStateAndGetsTheSafeSet() throws Exception {
        when(zfs.dataset(TARGET)).thenReturn(Optional.of(new DatasetInfo(TARGET, DatasetType.FILESYSTEM, new Guid(1),
                Optional.of("1-abc-def-123"), false, "off", KeyStatus.NONE, Optional.empty(), List.of())));
        received("42");
        sink.receive(new ReceiveRequest("pool/data", null, TO, false, RESUMABLE),
                new ByteArrayInputStream(SendStreamBytes.plain(SendStreamBytes.OST_ZFS, 10)));
        verify(zfs, never()).recvAbort(any());
        verify(zfs).recv(eq(new RecvArgs(TARGET, false, true, true, List.of("sharenfs", "sharesmb"),
                Map.of("canmount", "noauto", "setuid", "off", "devices", "off", "readonly", "on"))), any());
    }

    @Test
    void aDiscardedPartialFullReceiveIsReplacedByANewFilesystemWithItsProperties() throws Exception {
        when(zfs.dataset(TARGET)).thenReturn(Optional.of(new DatasetInfo(TARGET, DatasetType.FILESYSTEM, new Guid(1),
                Optional.of("1-abc-def-123"), false, "off", KeyStatus.NONE, Optional.empty(), List.of())),
                Optional.empty());                      // recv -A destroyed the partial new filesystem
        when(zfs.encryption(any())).thenReturn(Map.of(ROOT, "off", ROOT.child("client"), "off",
                ROOT.child("client").child("pool"), "off"));
        received("42");
        sink.receive(new ReceiveRequest("pool/data", null, TO, true, RESUMABLE),
                new ByteArrayInputStream(SendStreamBytes.plain(SendStreamBytes.OST_ZFS, 10)));
        InOrder order = inOrder(zfs);
        order.verify(zfs).recvAbort(TARGET);
        order.verify(zfs).recv(eq(new RecvArgs(TARGET, false, true, true, List.of("sharenfs", "sharesmb"),
                Map.of("canmount", "noauto", "setuid", "off", "devices", "off", "readonly", "on",
                        "jzrepl:placeholder", "off", "zrepl:placeholder", "off"))), any());
    }

    @Test
    void aNewVolumeGetsNoFilesystemProperties() throws Exception {
        when(zfs.dataset(TARGET)).thenReturn(Optional.empty());
        when(zfs.encryption(any())).thenReturn(Map.of(ROOT, "off", ROOT.child("client"), "off",
                ROOT.child("client").child("pool"), "off"));
        received("42");
        sink.receive(new ReceiveRequest("pool/data", null, TO, true, RESUMABLE),
                new ByteArrayInputStream(SendStreamBytes.plain(SendStreamBytes.OST_ZVOL, "pool/data@s1",
                        ByteOrder.BIG_ENDIAN, 10)));
        verify(zfs).recv(eq(new RecvArgs(TARGET, false, true, true, List.of(),
                Map.of("jzrepl:placeholder", "off", "zrepl:placeholder", "off"))), any());
    }

    @Test
    void aStreamClaimingAVolumeOverAPlaceholderStillGetsTheSafeSet() throws Exception {
        when(zfs.dataset(TARGET)).thenReturn(Optional.of(new DatasetInfo(TARGET, DatasetType.FILESYSTEM, new Guid(1),
                Optional.empty(), true, "off", KeyStatus.NONE, Optional.empty(), List.of())));
        received("42");
        sink.receive(new ReceiveRequest("pool/data", null, TO, true, RESUMABLE),
                new ByteArrayInputStream(SendStreamBytes.plain(SendStreamBytes.OST_ZVOL, 10)));
        verify(zfs).recv(eq(new RecvArgs(TARGET, true, true, true, List.of("sharenfs", "sharesmb"),
                Map.of("canmount", "noauto", "setuid", "off", "devices", "off", "readonly", "on",
                        "jzrepl:placeholder", "off", "zrepl:placeholder", "off"))), any());
    }

    @Test
    void anExistingVolumeGetsNoFilesystemPropertiesWhateverTheStreamClaims() throws Exception {
        when(zfs.dataset(TARGET)).thenReturn(Optional.of(new DatasetInfo(TARGET, DatasetType.VOLUME, new Guid(1),
                Optional.empty(), false, "off", KeyStatus.NONE, Optional.empty(), List.of())));
        received("42");
        sink.receive(new ReceiveRequest("pool/data", FROM, TO, true, RESUMABLE),
                new ByteArrayInputStream(SendStreamBytes.plain(SendStreamBytes.OST_ZFS, 10)));
        verify(zfs).recv(eq(new RecvArgs(TARGET, false, true, true, List.of(), Map.of())), any());
    }

    @Test
    void aFullStreamIntoANewFilesystemCreatesItsParentsFromOneLookupMadeWhileLookingForIt() throws Exception {
        when(zfs.dataset(TARGET)).thenReturn(Optional.empty());
        DatasetPath client = ROOT.child("client");
        DatasetPath pool = client.child("pool");
        when(zfs.encryption(List.of(pool, client, ROOT))).thenReturn(Map.of(ROOT, "off"));
        received("42");
        ByteArrayInputStream stream = new ByteArrayInputStream(new byte[0]);
        sink.receive(new ReceiveRequest("pool/data", null, TO, true, RESUMABLE), stream);
        verify(zfs).encryption(any());
        InOrder order = inOrder(zfs);
        order.verify(zfs).create(eq(client), any(), eq(false));
        order.verify(zfs).create(eq(pool), any(), eq(false));
        order.verify(zfs).recv(any(), any());
    }

    @Test
    void aFailedLookupAheadIsRepeatedWhenTheParentsAreNeeded() throws Exception {
        when(zfs.dataset(TARGET)).thenReturn(Optional.empty());
        DatasetPath client = ROOT.child("client");
        DatasetPath pool = client.child("pool");
        when(zfs.encryption(List.of(pool, client, ROOT)))
                .thenThrow(new ZfsException(List.of("list"), 1, "transient failure"))
                .thenReturn(Map.of(ROOT, "off", client, "off"));
        received("42");
        sink.receive(new ReceiveRequest("pool/data", null, TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0]));
        verify(zfs, times(2)).encryption(any());
        verify(zfs).create(eq(pool), any(), eq(false));
        verify(zfs, never()).create(eq(client), any(), anyBoolean());
    }
}
