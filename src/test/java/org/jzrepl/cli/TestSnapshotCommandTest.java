package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jzrepl.daemon.ZfsBinary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code test snapshot} against a scripted {@code zfs} that prints a canned listing and logs its
 * argv: it names the snapshots and hooks of a tick and runs nothing but {@code zfs list}.
 */
class TestSnapshotCommandTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void scriptedZfs() throws Exception {
        String row = "%s\t%s\t%s\t1\t1700000000\t-\t-\t-\toff\t-\t-";
        Files.writeString(tmp.resolve("listing.txt"), String.join("\n",
                String.format(row, "tank", "filesystem", "11"),
                String.format(row, "tank/db", "filesystem", "12"),
                String.format(row, "tank/db@old", "snapshot", "13"),
                String.format(row, "tank/www", "filesystem", "14"),
                String.format(row, "other", "filesystem", "15"),
                String.format(row, "other/x", "filesystem", "16")) + "\n");
        Path zfs = tmp.resolve("zfs");
        Files.writeString(zfs, "#!/bin/sh\necho \"$@\" >> '" + tmp.resolve("argv.log") + "'\n"
                + "exec cat '" + tmp.resolve("listing.txt") + "'\n");
        Files.setPosixFilePermissions(zfs, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty(ZfsBinary.PROPERTY, zfs.toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty(ZfsBinary.PROPERTY);
    }

    private Path config(String snapshotting) throws Exception {
        return Files.writeString(tmp.resolve("jzrepl.yml"), """
                jobs:
                  - name: snapjob
                    type: snap
                    filesystems: {"tank<": true, "other/x": true}
                    snapshotting:
                %s
                    pruning: {keep: []}
                  - name: pull1
                    type: pull
                    connect: {type: local, listener_name: l, client_identity: me}
                    root_fs: backup
                    interval: manual
                    pruning: {keep_sender: [], keep_receiver: []}
                """.formatted(snapshotting.indent(6).stripTrailing()));
    }

    @Test
    void namesEverySnapshotOfATickByPoolWithItsHooksAndTakesNothing() throws Exception {
        Path c = config("""
                type: periodic
                prefix: jz_
                interval: 10m
                timestamp_format: human
                hooks:
                  - {type: command, path: /usr/local/bin/freeze, filesystems: {"tank/db": true}}
                  - {type: command, path: /usr/local/bin/log}
                """);
        CliRun r = CliRun.of("test", "snapshot", "-c", c.toString(), "--job", "snapjob");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].matches("job snapjob: a tick now \\(.*\\) would take jz_\\d{4}-\\d\\d-\\d\\d_\\d\\d:\\d\\d:\\d\\d"
                + " on 4 filesystems:"), lines[0]);
        String name = lines[0].replaceAll(".* would take (\\S+) on .*", "$1");
        assertEquals("  pool other: 1 zfs snapshot command", lines[1]);
        assertEquals("    other/x@" + name + "  hooks: command /usr/local/bin/log", lines[2]);
        assertEquals("  pool tank: 1 zfs snapshot command", lines[3]);
        assertEquals("    tank@" + name + "  hooks: command /usr/local/bin/log", lines[4]);
        assertEquals("    tank/db@" + name + "  hooks: command /usr/local/bin/freeze, command /usr/local/bin/log",
                lines[5]);
        assertEquals("Nothing was taken and no hook ran.", lines[lines.length - 1]);
        String argv = Files.readString(tmp.resolve("argv.log"));
        assertTrue(argv.lines().allMatch(l -> l.startsWith("list ")), "only zfs list ran: " + argv);
    }

    @Test
    void manualSnapshottingSaysATickTakesNothing() throws Exception {
        CliRun r = CliRun.of("test", "snapshot", "-c", config("type: manual").toString(), "--job", "snapjob");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("snapshotting is manual; a tick takes nothing"), r.out());
        assertFalse(Files.exists(tmp.resolve("argv.log")), "zfs did not run");
    }

    @Test
    void aPullJobIsRefusedWithTheReason() throws Exception {
        CliRun r = CliRun.of("test", "snapshot", "-c", config("type: manual").toString(), "--job", "pull1");
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), r.exit());
        assertTrue(r.err().contains("job 'pull1' is a pull job: it takes no snapshots"), r.err());
    }
}
