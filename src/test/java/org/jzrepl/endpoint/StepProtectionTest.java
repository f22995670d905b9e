package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.zfs.DatasetExistsException;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;
import org.jzrepl.zfs.VersionType;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * The command shapes, fallbacks and order of step protection, with zfs mocked; what zfs does with
 * them is shown in EndpointIT, and resume and stale holds end to end in PullReplicationIT.
 */
class StepProtectionTest {

    private static final DatasetPath FS = DatasetPath.parse("pool/data");
    private static final String JOB = "job";
    private static final String STEP = AbstractionNames.stepHold(JOB);
    private static final FilesystemVersion S1 = snap("s1", 11, 100);
    private static final FilesystemVersion S2 = snap("s2", 22, 200);

    private final Zfs zfs = mock(Zfs.class);
    private final StepProtection protection = new StepProtection(zfs, JOB);

    private static FilesystemVersion snap(String name, long guid, long txg) {
        return new FilesystemVersion(VersionType.SNAPSHOT, name, new Guid(guid), txg, Instant.EPOCH);
    }

    private static FilesystemVersion bookmark(String name, long guid, long txg) {
        return new FilesystemVersion(VersionType.BOOKMARK, name, new Guid(guid), txg, Instant.EPOCH);
    }

    private static DatasetInfo dataset(FilesystemVersion... versions) {
        List<FilesystemVersion> v = new ArrayList<>(List.of(versions));
        v.sort(FilesystemVersion.BY_CREATETXG);
        return new DatasetInfo(FS, DatasetType.FILESYSTEM, new Guid(1), Optional.empty(), false, "off",
                KeyStatus.NONE, Optional.empty(), v);
    }

    private static DatasetExistsException exists() {
        return new DatasetExistsException(List.of("hold"), 1, "cannot hold snapshot: tag already exists on this dataset");
    }

    private static DatasetNotFoundException noSuchTag() {
        return new DatasetNotFoundException(List.of("release"), 1,
                "cannot release hold from snapshot: no such tag on this dataset");
    }

    @Test
    void resumabilityHoldsFromAndToWithOneCommand() throws Exception {
        protection.beforeStep(ProtectionGuarantee.GUARANTEE_RESUMABILITY, FS, S1, S2);
        verify(zfs).hold(FS, List.of("s1", "s2"), STEP);
        verify(zfs, never()).hold(any(), anyString(), anyString());
    }

    @Test
    void aRetriedStepFindingAHoldFallsBackToOneHoldPerSnapshotThatAcceptsIt() throws Exception {
        doThrow(exists()).when(zfs).hold(FS, List.of("s1", "s2"), STEP);
        doThrow(exists()).when(zfs).hold(FS, "s1", STEP);
        protection.beforeStep(ProtectionGuarantee.GUARANTEE_RESUMABILITY, FS, S1, S2);
        verify(zfs).hold(FS, "s1", STEP);
        verify(zfs).hold(FS, "s2", STEP);
    }

    @Test
    void aHoldFailingForAnotherReasonFailsTheStepWithoutFallback() throws Exception {
        doThrow(new DatasetNotFoundException(List.of("hold"), 1, "cannot hold snapshot: dataset does not exist"))
                .when(zfs).hold(FS, List.of("s2"), STEP);
        EndpointException e = assertThrows(EndpointException.class,
                () -> protection.beforeStep(ProtectionGuarantee.GUARANTEE_RESUMABILITY, FS, null, S2));
        assertTrue(e.getMessage().contains("protecting step pool/data (full) -> @s2"), e.getMessage());
        verify(zfs, never()).hold(any(), anyString(), anyString());
    }

    @Test
    void incrementalCreatesBothTentativeCursorsAndAcceptsExistingOnes() throws Exception {
        doThrow(exists()).when(zfs).bookmark(FS, S1.ref(), AbstractionNames.tentativeCursor(S1.guid(), JOB));
        protection.beforeStep(ProtectionGuarantee.GUARANTEE_INCREMENTAL, FS, S1, S2);
        verify(zfs).bookmark(FS, S1.ref(), AbstractionNames.tentativeCursor(S1.guid(), JOB));
        verify(zfs).bookmark(FS, S2.ref(), AbstractionNames.tentativeCursor(S2.guid(), JOB));
    }

    @Test
    void afterTheStepOnlyThisJobsObsoleteCursorsGoAndTheStepHoldsAreReleasedInOneCommand() throws Exception {
        String oldCursor = AbstractionNames.cursor(S1.guid(), JOB);
        String otherJobs = AbstractionNames.cursor(S1.guid(), "other");
        DatasetInfo ds = dataset(S1, S2, bookmark(oldCursor, 11, 100), bookmark(otherJobs, 11, 100),
                bookmark(AbstractionNames.tentativeCursor(S2.guid(), JOB), 22, 200));
        protection.afterStep(ds, S1, S2);

        verify(zfs).release(FS, List.of("s1", "s2"), STEP);
        verify(zfs).destroyBookmark(FS, oldCursor);
        verify(zfs).destroyBookmark(FS, AbstractionNames.tentativeCursor(S2.guid(), JOB));
        verify(zfs, never()).destroyBookmark(FS, otherJobs);
        verify(zfs, never()).holds(any(), anyString());
    }

    @Test
    void placingTheCursorTellsWhetherItWasCreatedNow() throws Exception {
        String cursor = AbstractionNames.cursor(S2.guid(), JOB);
        assertTrue(protection.placeCursor(FS, S2));
        doThrow(new DatasetExistsException(List.of("bookmark"), 1, "bookmark exists")).when(zfs)
                .bookmark(FS, S2.ref(), cursor);
        assertFalse(protection.placeCursor(FS, S2));
    }

    @Test
    void aFailedReleaseFallsBackToCheckingEachSnapshotSoAMissingHoldNeverFailsTheConfirmation()
            throws Exception {
        doThrow(noSuchTag()).when(zfs).release(FS, List.of("s1", "s2"), STEP);
        when(zfs.holds(FS, "s1")).thenReturn(List.of("keep"));
        when(zfs.holds(FS, "s2")).thenReturn(List.of(STEP));
        protection.afterStep(dataset(S1, S2), S1, S2);
        verify(zfs, never()).release(FS, "s1", STEP);
        verify(zfs).release(FS, "s2", STEP);
    }

    @Test
    void aReleaseThatStillFailsAfterTheFallbackFailsTheConfirmation() throws Exception {
        ZfsException busy = new ZfsException(List.of("release"), 1, "pool I/O is currently suspended");
        doThrow(busy).when(zfs).release(FS, List.of("s2"), STEP);
        when(zfs.holds(FS, "s2")).thenReturn(List.of(STEP));
        doThrow(busy).when(zfs).release(FS, "s2", STEP);
        EndpointException e = assertThrows(EndpointException.class,
                () -> protection.afterStep(dataset(S2), null, S2));
        assertEquals(EndpointException.ZFS_FAILED, e.code());
        assertTrue(e.getMessage().contains("suspended"), e.getMessage());
    }
}
