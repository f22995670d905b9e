package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;
import org.jzrepl.zfs.Property;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.VersionType;
import org.jzrepl.zfs.Zfs;

/** Receiver decisions with zfs mocked; real receives are in EndpointIT and SinkIT. */
class ZfsReceiverTest {

    private static final DatasetPath ROOT = DatasetPath.parse("tank/sink");
    private static final DatasetPath TARGET = DatasetPath.parse("tank/sink/client/pool/data");
    private static final ReplicationConfig RESUMABLE = new ReplicationConfig(
            ProtectionGuarantee.GUARANTEE_RESUMABILITY, ProtectionGuarantee.GUARANTEE_RESUMABILITY);
    private static final Version TO = new Version(VersionType.SNAPSHOT, "s1", "42", 10, "2026-01-01T00:00:00Z");

    private final Zfs zfs = mock(Zfs.class);
    private final ZfsReceiver sink = ZfsReceiver.forSink(zfs, "sink1", ROOT, "client", RecvOptions.DEFAULT);

    private void existingTarget() throws Exception {
        when(zfs.listTree(TARGET)).thenReturn(List.of(new DatasetInfo(TARGET, DatasetType.FILESYSTEM, new Guid(1),
                Optional.empty(), false, "off", KeyStatus.NONE, Optional.empty(), List.of())));
    }

    @Test
    void aNameValidForTheSenderButTooLongBelowTheRootIsRefusedBeforeZfsRuns() {
        String name = "pool/" + "x".repeat(240);        // valid on the sender, > 255 bytes below tank/sink/client
        EndpointException e = assertThrows(EndpointException.class, () -> sink.receive(
                new ReceiveRequest(name, TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0])));
        assertEquals(EndpointException.PATH_ESCAPES_ROOT, e.code());
        assertThrows(EndpointException.class, () -> sink.listFilesystemVersions(new Messages.FilesystemRequest(name)));
        verifyNoInteractions(zfs);
    }

    @Test
    void receivedGuidOtherThanAnnouncedIsAVersionMismatchAndNoHoldIsSet() throws Exception {
        existingTarget();
        when(zfs.get(TARGET.name() + "@s1", List.of("guid", "createtxg"))).thenReturn(Map.of(
                "guid", new Property("guid", "43", "-"), "createtxg", new Property("createtxg", "10", "-")));
        EndpointException e = assertThrows(EndpointException.class, () -> sink.receive(
                new ReceiveRequest("pool/data", TO, true, RESUMABLE), new ByteArrayInputStream(new byte[0])));
        assertEquals(EndpointException.VERSION_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("43") && e.getMessage().contains("42"), e.getMessage());
        verify(zfs, never()).hold(any(), anyString(), anyString());
    }

    @Test
    void incrementalReceiveIsResumableUnmountedAndKeepsConfiguredProperties() throws Exception {
        existingTarget();
        when(zfs.get(TARGET.name() + "@s1", List.of("guid", "createtxg"))).thenReturn(Map.of(
                "guid", new Property("guid", "42", "-"), "createtxg", new Property("createtxg", "10", "-")));
        ZfsReceiver r = ZfsReceiver.forSink(zfs, "sink1", ROOT, "client", new RecvOptions(List.of("mountpoint"),
                Map.of("readonly", "on"), RecvOptions.DEFAULT.bandwidthLimit(), RecvOptions.DEFAULT.placeholderEncryption()));
        ByteArrayInputStream stream = new ByteArrayInputStream(new byte[0]);
        r.receive(new ReceiveRequest("pool/data", TO, true, RESUMABLE), stream);
        verify(zfs).recv(new RecvArgs(TARGET, false, true, true, List.of("mountpoint"), Map.of("readonly", "on")), stream);
        verify(zfs).hold(TARGET, "s1", "jzrepl_last_received_J_sink1");
    }
}
