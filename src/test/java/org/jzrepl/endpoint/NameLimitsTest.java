package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.VersionType;
import org.jzrepl.zfs.Zfs;

/**
 * Names replication would create beyond ZFS's 255 bytes are refused before zfs runs: the cursor
 * bookmark on the sender, the received snapshot on the receiver.
 */
class NameLimitsTest {
    private static final ReplicationConfig RESUMABLE = new ReplicationConfig(
            ProtectionGuarantee.GUARANTEE_RESUMABILITY, ProtectionGuarantee.GUARANTEE_RESUMABILITY);
    private static final ReplicationConfig INCREMENTAL = new ReplicationConfig(
            ProtectionGuarantee.GUARANTEE_INCREMENTAL, ProtectionGuarantee.GUARANTEE_INCREMENTAL);
    private static final Version S1 = new Version(VersionType.SNAPSHOT, "s1", "42", 10, "2026-01-01T00:00:00Z");

    private final Zfs zfs = mock(Zfs.class);

    /** A valid dataset name of exactly {@code length} bytes below pool "p". */
    private static String nameOf(int length) {
        return "p/" + "x".repeat(length - 2);
    }

    @Test
    void aFilesystemWhoseCursorBookmarkCannotFitIsRefusedBeforeZfsRunsNamingTheExcess() {
        String cursor = AbstractionNames.cursor(new org.jzrepl.zfs.Guid(0), "job");
        String fs = nameOf(255 - cursor.length());     // fs#cursor is 256 bytes: one too many
        ZfsSender sender = new ZfsSender(zfs, "job", FilesystemFilter.of(Map.of("p<", true)), SendFlags.NONE);

        EndpointException e = assertThrows(EndpointException.class,
                () -> sender.sendDry(new SendRequest(fs, null, S1, null, RESUMABLE)));
        assertEquals(EndpointException.REFUSED, e.code());
        assertTrue(e.getMessage().contains("256 bytes long, over ZFS's limit of 255 by 1") && e.getMessage().contains("nothing was sent"), e.getMessage());
        assertThrows(EndpointException.class, () -> sender.send(new SendRequest(fs, null, S1, null, RESUMABLE)));
        verifyNoInteractions(zfs);
    }

    @Test
    void underGuaranteeIncrementalTheLongerTentativeCursorMustFitToo() {
        String tentative = AbstractionNames.tentativeCursor(new org.jzrepl.zfs.Guid(0), "job");
        String fs = nameOf(255 - tentative.length());
        ZfsSender sender = new ZfsSender(zfs, "job", FilesystemFilter.of(Map.of("p<", true)), SendFlags.NONE);

        EndpointException e = assertThrows(EndpointException.class,
                () -> sender.sendDry(new SendRequest(fs, null, S1, null, INCREMENTAL)));
        assertTrue(e.getMessage().contains("CURSORTENTATIVE"), e.getMessage());
        verifyNoInteractions(zfs);
    }

    @Test
    void aSourceJobsClientIsCheckedWithItsOwnLongerCursorName() {
        String jobOnly = AbstractionNames.cursor(new org.jzrepl.zfs.Guid(0), "job");
        String perClient = AbstractionNames.cursor(new org.jzrepl.zfs.Guid(0), "job", "backup-server-1");
        assertTrue(perClient.length() > jobOnly.length(), perClient);
        String fs = nameOf(255 - 1 - jobOnly.length());          // the job-only cursor would just fit
        ZfsSender client = new ZfsSender(zfs, "job", FilesystemFilter.of(Map.of("p<", true)), SendFlags.NONE)
                .forClient("backup-server-1");

        EndpointException e = assertThrows(EndpointException.class,
                () -> client.send(new SendRequest(fs, null, S1, null, RESUMABLE)));
        assertTrue(e.getMessage().contains(perClient), e.getMessage());
        verifyNoInteractions(zfs);
    }

    @Test
    void aBookmarkOfExactly255BytesFits() {
        String cursor = AbstractionNames.cursor(new org.jzrepl.zfs.Guid(0), "job");
        DatasetPath fs = DatasetPath.parse(nameOf(255 - 1 - cursor.length()));
        assertDoesNotThrow(() -> NameLimits.checkBookmarks(fs, List.of(cursor)));
        assertEquals(255, fs.name().length() + 1 + cursor.length());
    }

    @Test
    void aReceivedSnapshotNameThatCannotFitBelowTheRootIsRefusedBeforeZfsRuns() {
        DatasetPath root = DatasetPath.parse("tank/sink");
        ZfsReceiver receiver = ZfsReceiver.forSink(zfs, "sink", root, "client", RecvOptions.DEFAULT);
        String fs = nameOf(255 - "tank/sink/client/".length());     // the target itself is 255 bytes: fits
        EndpointException e = assertThrows(EndpointException.class, () -> receiver.receive(
                new ReceiveRequest(fs, null, S1, true, RESUMABLE), new ByteArrayInputStream(new byte[0])));
        assertEquals(EndpointException.REFUSED, e.code());
        assertTrue(e.getMessage().contains("258 bytes long") && e.getMessage().contains("nothing was received"),
                e.getMessage());
        verifyNoInteractions(zfs);
    }
}
