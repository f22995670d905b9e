package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.testing.zfs.TokenForge;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.VersionType;
import org.jzrepl.zfs.cmd.ZfsCli;
import org.jzrepl.zfs.cmd.ZfsMeter;
import org.jzrepl.zfs.cmd.ZfsRunner;

/**
 * The forged-token attack end to end through {@link ZfsSender} on {@link ZfsCli}, with a script
 * in place of zfs that prints what OpenZFS 2.1.11 printed for the forged token on the testbed:
 * {@code zfs send -nvt} shows the injected second {@code toguid} line and zfs resolves the token
 * to {@code tp/secret@x}, whose stream it would send. The real thing: {@link ResumeTokenForgeryIT}.
 */
@Timeout(60)
class ZfsSenderForgeryTest {

    static final Guid A = new Guid(0x3e8);
    static final Guid SECRET = new Guid(0x5ec2e7);
    static final ReplicationConfig NOTHING = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_NOTHING,
            ProtectionGuarantee.GUARANTEE_NOTHING);
    static final Version ALLOWED_A = Version.of(new FilesystemVersion(VersionType.SNAPSHOT, "a", A, 2,
            java.time.Instant.ofEpochSecond(1795311318)));

    @TempDir
    Path dir;

    /** zfs for a pool holding tp/allowed@a; every -t token resolves to {@code resolved}. */
    private ZfsSender sender(String resolved) throws Exception {
        String contents = "resume token contents:\\nnvlist version: 0\\n\\tobject = 0x2\\n\\toffset = 0x20000\\n"
                + "\\tbytes = 0x40c70\\n\\ttoguid = 0x5ec2e7\\n\\ttoname = tp/allowed@a\\n\\ttoguid = 0x3e8\\n";
        Path bin = dir.resolve("zfs");
        Files.writeString(bin, "#!/bin/bash\necho \"$*\" >> " + dir.resolve("calls") + "\n"
                + "case \"$1 $2 $3 $4\" in\n"
                + "'list '*) printf 'tp/allowed\\tfilesystem\\t100\\t1\\t1795311317\\t-\\t-\\t-\\toff\\t-\\t-\\n"
                + "tp/allowed@a\\tsnapshot\\t" + A.decimal() + "\\t2\\t1795311318\\t-\\t-\\t-\\toff\\t-\\t-\\n' ;;\n"
                + "'send -n -v -t') printf '" + contents + "full send of " + resolved + " estimated size is 1.2K\\n"
                + "total estimated size is 1.2K\\n' ;;\n"
                + "'send -n -v -P') printf '" + contents + "full\\t" + resolved + "\\t1234\\nsize\\t1234\\n' ;;\n"
                + "'send -t '*) echo 'stream of " + resolved + "' ;;\n"
                + "*) exit 1 ;;\n"
                + "esac\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        ZfsCli zfs = new ZfsCli(new ZfsRunner(bin, ZfsMeter.NONE, Duration.ofSeconds(20)));
        return new ZfsSender(zfs, "job", FilesystemFilter.of(Map.of("tp/allowed", true)), SendFlags.NONE);
    }

    private static String token(String toName, Guid toGuid) {
        return TokenForge.token(new TokenForge.NvList().uint64("object", 2).uint64("offset", 0x20000)
                .uint64("bytes", 0x40c70).uint64("toguid", toGuid.value()).string("toname", toName).bytes());
    }

    private List<String> sends() throws Exception {
        return Files.readAllLines(dir.resolve("calls")).stream().filter(l -> l.startsWith("send -t")).toList();
    }

    @Test
    void refusesTheTokenWhoseTonameInjectsTheAllowedGuidAndStartsNoSend() throws Exception {
        ZfsSender sender = sender("tp/secret@x");
        String forged = token("tp/allowed@a\n\ttoguid = 0x" + Long.toHexString(A.value()), SECRET);
        EndpointException e = assertThrows(EndpointException.class,
                () -> sender.send(new SendRequest("tp/allowed", null, ALLOWED_A, forged, NOTHING)).close());
        assertEquals(EndpointException.BAD_RESUME_TOKEN, e.code());
        assertTrue(e.getMessage().contains("control characters"), e.getMessage());
        assertEquals(List.of(), sends());
    }

    @Test
    void refusesAWellFormedTokenThatZfsResolvesToAnotherDatasetAndStartsNoSend() throws Exception {
        ZfsSender sender = sender("tp/secret@x");
        String t = token("tp/allowed@a", A);
        EndpointException e = assertThrows(EndpointException.class,
                () -> sender.send(new SendRequest("tp/allowed", null, ALLOWED_A, t, NOTHING)).close());
        assertEquals(EndpointException.BAD_RESUME_TOKEN, e.code());
        assertTrue(e.getMessage().contains("tp/secret@x"), e.getMessage());
        assertEquals(List.of(), sends());
    }

    @Test
    void resumesAWellFormedTokenThatZfsResolvesToTheRequestedSnapshot() throws Exception {
        ZfsSender sender = sender("tp/allowed@a");
        String t = token("tp/allowed@a", A);
        try (var s = sender.send(new SendRequest("tp/allowed", null, ALLOWED_A, t, NOTHING))) {
            assertEquals("stream of tp/allowed@a\n", new String(s.stream().readAllBytes()));
            assertTrue(s.value().usedResumeToken());
            assertEquals(1234, s.value().expectedSize());
        }
        assertEquals(List.of("send -t " + t), sends());
    }
}
