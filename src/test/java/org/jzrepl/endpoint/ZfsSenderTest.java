package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.BandwidthLimit;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.SendOptions;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.rpc.Streamed;
import org.jzrepl.rpc.stream.StreamException;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;
import org.jzrepl.zfs.SendArgs;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.SendStream;
import org.jzrepl.zfs.VersionType;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;
import org.mockito.InOrder;

/**
 * The sender's checks and stream handling, with zfs mocked (it cannot run in a unit test); the
 * real thing is covered by the *IT classes.
 */
class ZfsSenderTest {

    private static final DatasetPath FS = DatasetPath.parse("pool/data");
    private static final FilesystemVersion S1 = new FilesystemVersion(VersionType.SNAPSHOT, "s1", new Guid(11), 100,
            Instant.parse("2026-01-01T00:00:00Z"));
    private static final FilesystemVersion S2 = new FilesystemVersion(VersionType.SNAPSHOT, "s2", new Guid(22), 200,
            Instant.parse("2026-01-02T00:00:00Z"));
    private static final ReplicationConfig NOTHING = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_NOTHING,
            ProtectionGuarantee.GUARANTEE_NOTHING);

    private final Zfs zfs = mock(Zfs.class);

    private void dataset(String encryption) throws ZfsException {
        when(zfs.dataset(FS)).thenReturn(Optional.of(new DatasetInfo(FS, DatasetType.FILESYSTEM, new Guid(1),
                Optional.empty(), false, encryption, encryption.equals("off") ? KeyStatus.NONE : KeyStatus.AVAILABLE,
                Optional.empty(), List.of(S1, S2))));
    }

    private ZfsSender sender(SendFlags flags) {
        return new ZfsSender(zfs, "job", FilesystemFilter.of(Map.of("pool<", true)), flags);
    }

    @Test
    void aZfsFailureAtTheEndOfTheStreamReachesTheClientAsAStreamErrorWithZfsText() throws Exception {
        dataset("off");
        byte[] data = "partial stream bytes".getBytes();
        SendStream failing = new SendStream() {
            private final InputStream in = new ByteArrayInputStream(data);

            @Override
            public InputStream stream() {
                return in;
            }

            @Override
            public void finish() throws ZfsException {
                throw new ZfsException(List.of("send", "pool/data@s2"), 1,
                        "warning: cannot send 'pool/data@s2': I/O error");
            }

            @Override
            public void close() {
            }
        };
        when(zfs.estimateSize(any())).thenReturn(20L);
        when(zfs.send(any())).thenReturn(failing);
        try (RpcPair<Sender> pair = new RpcPair<>(Sender.class, sender(SendFlags.NONE))) {
            Sender remote = pair.client(Sender.class);
            try (Streamed<SendResponse> s = remote.send(new SendRequest(FS.name(), null, Version.of(S2), null, NOTHING))) {
                byte[] got = new byte[data.length];
                int n = s.stream().readNBytes(got, 0, got.length);
                assertEquals(data.length, n);
                assertArrayEquals(data, got);
                StreamException e = assertThrows(StreamException.class, () -> s.stream().read());
                assertTrue(e.reason().contains("cannot send 'pool/data@s2': I/O error"), e.reason());
            }
            assertEquals("after", remote.ping(new Messages.PingRequest("after")).echo(), "connection still usable");
        }
    }

    @Test
    void refusesToSendAnEncryptedDatasetDecryptedAndRunsNoZfsSend() throws Exception {
        dataset("aes-256-gcm");
        EndpointException e = assertThrows(EndpointException.class, () -> sender(SendFlags.NONE)
                .send(new SendRequest(FS.name(), null, Version.of(S2), null, NOTHING)));
        assertEquals(EndpointException.REFUSED, e.code());
        verify(zfs, never()).send(any());
        verify(zfs, never()).hold(any(), anyString(), anyString());
        verify(zfs, never()).hold(any(), anyList(), anyString());
    }

    @Test
    void encryptedDemandRefusesAnUnencryptedDataset() throws Exception {
        dataset("off");
        ZfsSender s = new ZfsSender(zfs, "job", FilesystemFilter.ALL, new SendFlags(true, false, false, false, false,
                false), true);
        EndpointException e = assertThrows(EndpointException.class,
                () -> s.sendDry(new SendRequest(FS.name(), null, Version.of(S2), null, NOTHING)));
        assertEquals(EndpointException.REFUSED, e.code());
        assertTrue(e.getMessage().contains("not encrypted"), e.getMessage());
    }

    @Test
    void versionMismatchNamesBothGuids() throws Exception {
        dataset("off");
        Version forged = new Version(VersionType.SNAPSHOT, "s2", "999", 200, S2.creation().toString());
        EndpointException e = assertThrows(EndpointException.class, () -> sender(SendFlags.NONE)
                .sendDry(new SendRequest(FS.name(), null, forged, null, NOTHING)));
        assertEquals(EndpointException.VERSION_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("22") && e.getMessage().contains("999"), e.getMessage());
        Version missing = new Version(VersionType.BOOKMARK, "gone", "5", 50, S1.creation().toString());
        e = assertThrows(EndpointException.class, () -> sender(SendFlags.NONE)
                .sendDry(new SendRequest(FS.name(), missing, Version.of(S2), null, NOTHING)));
        assertEquals(EndpointException.VERSION_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("pool/data#gone does not exist"), e.getMessage());
    }

    @Test
    void incrementalSourceMustBeOlderThanTarget() throws Exception {
        dataset("off");
        EndpointException e = assertThrows(EndpointException.class, () -> sender(SendFlags.NONE)
                .sendDry(new SendRequest(FS.name(), Version.of(S2), Version.of(S1), null, NOTHING)));
        assertEquals(EndpointException.VERSION_MISMATCH, e.code());
    }

    @Test
    void dryRunOfAnIncrementalAsksZfsForTheIncrementalEstimate() throws Exception {
        dataset("off");
        when(zfs.estimateSize(any())).thenReturn(4096L);
        SendResponse r = sender(SendFlags.NONE).sendDry(new SendRequest(FS.name(), Version.of(S1), Version.of(S2),
                null, NOTHING));
        assertEquals(new SendResponse(false, 4096), r);
        verify(zfs).estimateSize(SendArgs.incremental(FS, S1.ref(), "s2", SendFlags.NONE));
    }

    @Test
    void afterAListingTheDryRunChecksAgainstItWhileTheSendListsAfresh() throws Exception {
        dataset("off");
        DatasetInfo listed = zfs.dataset(FS).orElseThrow();
        when(zfs.listTrees(List.of(DatasetPath.parse("pool")))).thenReturn(List.of(listed));
        when(zfs.estimateSize(any())).thenReturn(4096L);
        when(zfs.send(any())).thenReturn(mock(SendStream.class));
        ZfsSender s = sender(SendFlags.NONE);
        s.listFilesystems();
        SendRequest r = new SendRequest(FS.name(), Version.of(S1), Version.of(S2), null, NOTHING, true);
        assertEquals(new SendResponse(false, 4096), s.sendDry(r));
        verify(zfs, times(1)).dataset(FS);                  // the stub's own set-up call only
        s.send(r).stream().close();
        verify(zfs, times(2)).dataset(FS);
        verify(zfs).estimateSize(any());
    }

    private static final ReplicationConfig RESUMABLE = new ReplicationConfig(
            ProtectionGuarantee.GUARANTEE_RESUMABILITY, ProtectionGuarantee.GUARANTEE_RESUMABILITY);

    @Test
    void anIncrementalSendHoldsFromAndToInOneCommandAndLeavesTheStreamUnreadUntilAnswered() throws Exception {
        dataset("off");
        when(zfs.estimateSize(any())).thenReturn(4096L);
        SendStream stream = mock(SendStream.class);
        when(zfs.send(any())).thenReturn(stream);
        Streamed<SendResponse> s = sender(SendFlags.NONE).send(new SendRequest(FS.name(), Version.of(S1),
                Version.of(S2), null, RESUMABLE));
        assertEquals(new SendResponse(false, 4096), s.value());
        verify(zfs).hold(FS, List.of("s1", "s2"), AbstractionNames.stepHold("job"));
        verify(zfs).send(SendArgs.incremental(FS, S1.ref(), "s2", SendFlags.NONE));
        verify(zfs).estimateSize(SendArgs.incremental(FS, S1.ref(), "s2", SendFlags.NONE));
        verifyNoInteractions(stream);
    }

    @Test
    void theSendStreamReadsThroughTheJobsBandwidthLimiter() throws Exception {
        dataset("off");
        when(zfs.send(any())).thenReturn(mock(SendStream.class));
        BandwidthLimiter limit = BandwidthLimiter.of(new org.jzrepl.config.BandwidthLimit(
                Optional.of(org.jzrepl.config.ByteSize.parse("4 MiB")), org.jzrepl.config.BandwidthLimit.DEFAULT_BUCKET));
        ZfsSender limited = new ZfsSender(zfs, "job", FilesystemFilter.of(Map.of("pool<", true)), SendFlags.NONE,
                false, limit);
        Streamed<SendResponse> s = limited.send(new SendRequest(FS.name(), Version.of(S1), Version.of(S2), null,
                RESUMABLE, true));
        assertInstanceOf(org.jzrepl.util.RateLimitedInputStream.class, s.stream());
        Streamed<SendResponse> free = sender(SendFlags.NONE).send(new SendRequest(FS.name(), Version.of(S1),
                Version.of(S2), null, RESUMABLE, true));
        assertInstanceOf(SendStreamInput.class, free.stream());
    }

    @Test
    void aSendWhoseSizeTheClientKnowsIsProtectedButNotEstimatedAgain() throws Exception {
        dataset("off");
        when(zfs.send(any())).thenReturn(mock(SendStream.class));
        Streamed<SendResponse> s = sender(SendFlags.NONE).send(new SendRequest(FS.name(), Version.of(S1),
                Version.of(S2), null, RESUMABLE, true));
        assertEquals(new SendResponse(false, -1), s.value());
        verify(zfs).hold(FS, List.of("s1", "s2"), AbstractionNames.stepHold("job"));
        verify(zfs, never()).estimateSize(any());
    }

    @Test
    void aFailedEstimateKillsTheStartedZfsSendThoughTheHoldsMayBeTaken() throws Exception {
        dataset("off");
        when(zfs.estimateSize(any())).thenThrow(new ZfsException(List.of("send"), 1, "estimate broke"));
        SendStream stream = mock(SendStream.class);
        when(zfs.send(any())).thenReturn(stream);
        EndpointException e = assertThrows(EndpointException.class, () -> sender(SendFlags.NONE)
                .send(new SendRequest(FS.name(), Version.of(S1), Version.of(S2), null, RESUMABLE)));
        assertTrue(e.getMessage().contains("estimating zfs send") && e.getMessage().contains("estimate broke"),
                e.getMessage());
        verify(zfs).hold(FS, List.of("s1", "s2"), AbstractionNames.stepHold("job"));
        verify(stream).close();
        verify(stream, never()).stream();
    }

    @Test
    void whenEstimateAndProtectionBothFailTheEstimatesErrorCarriesTheOtherAndTheSendIsKilled() throws Exception {
        dataset("off");
        when(zfs.estimateSize(any())).thenThrow(new ZfsException(List.of("send"), 1, "estimate broke"));
        doThrow(new ZfsException(List.of("hold"), 1, "hold broke")).when(zfs)
                .hold(FS, List.of("s1", "s2"), AbstractionNames.stepHold("job"));
        SendStream stream = mock(SendStream.class);
        when(zfs.send(any())).thenReturn(stream);
        EndpointException e = assertThrows(EndpointException.class, () -> sender(SendFlags.NONE)
                .send(new SendRequest(FS.name(), Version.of(S1), Version.of(S2), null, RESUMABLE)));
        assertTrue(e.getMessage().contains("estimate broke"), e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0].getMessage().contains("protecting step"), e.getSuppressed()[0].getMessage());
        assertTrue(e.getSuppressed()[0].getMessage().contains("hold broke"), e.getSuppressed()[0].getMessage());
        verify(stream).close();
    }

    @Test
    void configFlagsMapOneToOneAndEncryptedImpliesRaw() {
        SendOptions o = new SendOptions(true, false, true, false, true, true, false, false, BandwidthLimit.UNLIMITED);
        assertEquals(new SendFlags(true, true, false, true, true, false), ZfsSender.sendFlags(o));
        assertEquals(SendFlags.NONE, ZfsSender.sendFlags(SendOptions.DEFAULT));
    }

    @Test
    void completingAStepPlacesTheCursorBeforeAnyProtectionDrops() throws Exception {
        dataset("off");
        String cursor = AbstractionNames.cursor(S2.guid(), "job");
        sender(SendFlags.NONE).sendCompleted(new Messages.SendCompletedRequest(
                new SendRequest(FS.name(), Version.of(S1), Version.of(S2), null, RESUMABLE)));
        InOrder order = inOrder(zfs);
        order.verify(zfs).bookmark(FS, S2.ref(), cursor);
        order.verify(zfs).release(FS, List.of("s1", "s2"), AbstractionNames.stepHold("job"));
    }

    @Test
    void whenTheCursorCannotBePlacedNothingIsReleasedOrDestroyed() throws Exception {
        dataset("off");
        doThrow(new ZfsException(List.of("bookmark"), 1, "out of space")).when(zfs)
                .bookmark(FS, S2.ref(), AbstractionNames.cursor(S2.guid(), "job"));
        assertThrows(EndpointException.class, () -> sender(SendFlags.NONE).sendCompleted(
                new Messages.SendCompletedRequest(new SendRequest(FS.name(), Version.of(S1), Version.of(S2), null,
                        RESUMABLE))));
        verify(zfs, never()).release(any(), anyList(), anyString());
        verify(zfs, never()).release(any(), anyString(), anyString());
        verify(zfs, never()).destroyBookmark(any(), anyString());
    }

    @Test
    void aCursorPlacedOnAnotherVersionOfTheSnapshotIsWithdrawn() throws Exception {
        dataset("off");
        FilesystemVersion announced = new FilesystemVersion(VersionType.SNAPSHOT, "s2", new Guid(99), 200,
                S2.creation());
        EndpointException e = assertThrows(EndpointException.class, () -> sender(SendFlags.NONE).sendCompleted(
                new Messages.SendCompletedRequest(new SendRequest(FS.name(), Version.of(S1), Version.of(announced),
                        null, RESUMABLE))));
        assertEquals(EndpointException.VERSION_MISMATCH, e.code());
        String wrong = AbstractionNames.cursor(new Guid(99), "job");
        verify(zfs).bookmark(FS, announced.ref(), wrong);
        verify(zfs).destroyBookmark(FS, wrong);
        verify(zfs, never()).release(any(), anyList(), anyString());
    }
}
