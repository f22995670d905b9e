package org.jzrepl.zfs.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.SendArgs;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.VersionRef;

class StreamArgvTest {

    static final DatasetPath FS = DatasetPath.parse("pool/data");
    static final SendFlags ALL = new SendFlags(true, true, true, true, true, true);

    @Test
    void fullSendNamesTheSnapshot() {
        assertEquals(List.of("send", "--", "pool/data@b"), StreamArgv.send(SendArgs.full(FS, "b", SendFlags.NONE)));
    }

    @Test
    void incrementalFromSnapshotOrBookmarkUsesFullNames() {
        assertEquals(List.of("send", "-i", "pool/data@a", "--", "pool/data@b"),
                StreamArgv.send(SendArgs.incremental(FS, VersionRef.snapshot("a"), "b", SendFlags.NONE)));
        assertEquals(List.of("send", "-i", "pool/data#a", "--", "pool/data@b"),
                StreamArgv.send(SendArgs.incremental(FS, VersionRef.bookmark("a"), "b", SendFlags.NONE)));
    }

    @Test
    void configFlagsBecomeOptionsInFixedOrder() {
        assertEquals(List.of("send", "-w", "-p", "-b", "-L", "-c", "-e", "-i", "pool/data@a", "--", "pool/data@b"),
                StreamArgv.send(SendArgs.incremental(FS, VersionRef.snapshot("a"), "b", ALL)));
        assertEquals(List.of("send", "-L", "-c", "--", "pool/data@b"),
                StreamArgv.send(SendArgs.full(FS, "b", new SendFlags(false, false, false, true, true, false))));
    }

    @Test
    void resumedSendPassesOnlyTheToken() {
        assertEquals(List.of("send", "-t", "1-abc-def"), StreamArgv.send(SendArgs.resume(FS, "b", "1-abc-def")));
    }

    @Test
    void dryRunAddsNvPBeforeEverythingElse() {
        assertEquals(List.of("send", "-n", "-v", "-P", "-w", "-i", "pool/data#a", "--", "pool/data@b"),
                StreamArgv.sendDryRun(SendArgs.incremental(FS, VersionRef.bookmark("a"), "b",
                        new SendFlags(true, false, false, false, false, false))));
        assertEquals(List.of("send", "-n", "-v", "-P", "-t", "1-abc"),
                StreamArgv.sendDryRun(SendArgs.resume(FS, "b", "1-abc")));
    }

    @Test
    void recvDefaultsAreResumableAndUnmounted() {
        assertEquals(List.of("recv", "-s", "-u", "--", "back/data"),
                StreamArgv.recv(RecvArgs.of(DatasetPath.parse("back/data"))));
    }

    @Test
    void recvWithForceExcludesAndSortedOverrides() {
        RecvArgs a = RecvArgs.of(DatasetPath.parse("back/data")).withForce(true)
                .withProperties(List.of("mountpoint", "sharenfs"), Map.of("readonly", "on", "canmount", "off"));
        assertEquals(List.of("recv", "-s", "-F", "-u", "-x", "mountpoint", "-x", "sharenfs",
                "-o", "canmount=off", "-o", "readonly=on", "--", "back/data"), StreamArgv.recv(a));
    }

    @Test
    void recvOfTheSafeSetPutsExcludesThenSortedOverridesBeforeTheTarget() {
        RecvArgs a = RecvArgs.of(DatasetPath.parse("back/data"))
                .withProperties(List.of("sharenfs", "sharesmb"), Map.of("canmount", "noauto", "setuid", "off",
                        "devices", "off", "jzrepl:placeholder", "off"));
        assertEquals(List.of("recv", "-s", "-u", "-x", "sharenfs", "-x", "sharesmb", "-o", "canmount=noauto",
                "-o", "devices=off", "-o", "jzrepl:placeholder=off", "-o", "setuid=off", "--", "back/data"),
                StreamArgv.recv(a));
    }

    @Test
    void recvWithoutResumableHasNoS() {
        assertEquals(List.of("recv", "-u", "--", "b/d"),
                StreamArgv.recv(RecvArgs.of(DatasetPath.parse("b/d")).withResumable(false)));
    }
}
