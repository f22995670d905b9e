package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.testing.zfs.TokenForge;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;
import org.jzrepl.zfs.SendArgs;
import org.jzrepl.zfs.SendDryRun;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.VersionType;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * The sender's handling of resume tokens: decoded by jzrepl, checked field by field, then checked
 * again against what zfs resolves them to; zfs (mocked: it cannot run here) never starts a send
 * for a token that fails either. Tokens are forged by hand ({@link TokenForge}).
 */
class ZfsSenderResumeTest {

    private static final DatasetPath FS = DatasetPath.parse("pool/data");
    private static final FilesystemVersion S1 = new FilesystemVersion(VersionType.SNAPSHOT, "s1", new Guid(11), 100,
            Instant.parse("2026-01-01T00:00:00Z"));
    private static final FilesystemVersion S2 = new FilesystemVersion(VersionType.SNAPSHOT, "s2", new Guid(22), 200,
            Instant.parse("2026-01-02T00:00:00Z"));
    /** A snapshot of a dataset outside the sender's filter. */
    private static final Guid SECRET = new Guid(0x5ec2e7L);
    private static final ReplicationConfig NOTHING = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_NOTHING,
            ProtectionGuarantee.GUARANTEE_NOTHING);

    private final Zfs zfs = mock(Zfs.class);
    private final ZfsSender sender = new ZfsSender(zfs, "job", FilesystemFilter.of(Map.of("pool/data", true)),
            SendFlags.NONE);

    ZfsSenderResumeTest() throws ZfsException {
        when(zfs.dataset(FS)).thenReturn(Optional.of(new DatasetInfo(FS, DatasetType.FILESYSTEM, new Guid(1),
                Optional.empty(), false, "off", KeyStatus.NONE, Optional.empty(), List.of(S1, S2))));
    }

    private static String token(String toName, Guid toGuid) {
        return TokenForge.token(new TokenForge.NvList().uint64("object", 2).uint64("offset", 0x20000)
                .uint64("bytes", 0x40c70).uint64("toguid", toGuid.value()).string("toname", toName).bytes());
    }

    private static SendRequest resume(String token) {
        return new SendRequest(FS.name(), null, Version.of(S2), token, NOTHING);
    }

    private EndpointException refused(String token) throws Exception {
        EndpointException e = assertThrows(EndpointException.class, () -> sender.send(resume(token)));
        assertEquals(EndpointException.BAD_RESUME_TOKEN, e.code());
        verify(zfs, never()).send(any());
        return e;
    }

    @Test
    void resumesAFittingTokenWithTheSizeOfTheDryRunThatCheckedIt() throws Exception {
        String t = token("pool/data@s2", S2.guid());
        when(zfs.dryRun(SendArgs.resume(FS, "s2", t))).thenReturn(new SendDryRun(Optional.empty(), "pool/data@s2", 1234));
        assertEquals(new SendResponse(true, 1234), sender.sendDry(resume(t)));
        verify(zfs, never()).estimateSize(any());
    }

    /** The forgery that once worked: another snapshot's toguid, and a toname faking this one's toguid line. */
    @Test
    void refusesATokenWhoseTonameInjectsTheRequestedGuidBeforeRunningZfs() throws Exception {
        String injected = "pool/data@s2\n\ttoguid = 0x" + Long.toHexString(S2.guid().value());
        EndpointException e = refused(token(injected, SECRET));
        assertTrue(e.getMessage().contains("control characters"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "the peer's text is not echoed raw");
        verify(zfs, never()).dryRun(any());
    }

    @Test
    void refusesATokenForThisSnapshotNameWithAnotherGuidBeforeRunningZfs() throws Exception {
        EndpointException e = refused(token("pool/data@s2", SECRET));
        assertTrue(e.getMessage().contains("differs from the requested snapshot's guid 22"), e.getMessage());
        verify(zfs, never()).dryRun(any());
    }

    @Test
    void refusesATokenThatZfsResolvesToAnotherSnapshot() throws Exception {
        String t = token("pool/data@s2", S2.guid());
        when(zfs.dryRun(any())).thenReturn(new SendDryRun(Optional.empty(), "pool/secret@x", 1234));
        EndpointException e = refused(t);
        assertTrue(e.getMessage().contains("resolves the resume token to pool/secret@x"), e.getMessage());
    }

    @Test
    void refusesATokenOfAnotherFilesystemEvenIfTheRequestNamesThisOne() throws Exception {
        EndpointException e = refused(token("pool/secret@x", S2.guid()));
        assertTrue(e.getMessage().contains("not for filesystem pool/data"), e.getMessage());
    }

    @Test
    void aTokenZfsCannotResolveIsABadToken() throws Exception {
        when(zfs.dryRun(any())).thenThrow(new org.jzrepl.zfs.ResumeTokenException(List.of("send"), 255,
                "cannot resume send: 'pool/data@s2' used in the initial send no longer exists"));
        refused(token("pool/data@s2", S2.guid()));
    }
}
