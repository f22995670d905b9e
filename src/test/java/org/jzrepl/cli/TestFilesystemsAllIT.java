package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code test filesystems --all} through bin/jzrepl, with a scripted {@code zfs} first on PATH
 * that prints a canned {@code zfs list} (filesystems, a volume, snapshots) and logs its argv.
 */
class TestFilesystemsAllIT {

    @TempDir
    Path tmp;

    @Test
    void appliesTheFilterToEveryDatasetZfsLists() throws Exception {
        String row = "%s\t%s\t%s\t1\t1700000000\t-\t-\t-\toff\t-\t-";
        String listing = String.join("\n",
                String.format(row, "system", "filesystem", "11"),
                String.format(row, "system/var", "filesystem", "12"),
                String.format(row, "system/var@snap1", "snapshot", "13"),
                String.format(row, "system/var/tmp", "filesystem", "14"),
                String.format(row, "system/swap", "volume", "15"),
                String.format(row, "data", "filesystem", "16")) + "\n";
        Files.writeString(tmp.resolve("listing.txt"), listing);
        Path zfs = tmp.resolve("zfs");
        Files.writeString(zfs, "#!/bin/sh\necho \"$@\" >> '" + tmp.resolve("argv.log") + "'\n"
                + "exec cat '" + tmp.resolve("listing.txt") + "'\n");
        Files.setPosixFilePermissions(zfs, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder pb = new ProcessBuilder(LauncherIT.LAUNCHER.toString(), "test", "filesystems",
                "-c", TestFilesystemsCommandTest.SOURCE, "--job", "pull_source", "--all");
        pb.environment().put("PATH", tmp + ":" + System.getenv("PATH"));
        pb.environment().remove("JAVA_OPTS");
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finishes");
        assertEquals(0, p.exitValue(), Files.readString(err));
        assertEquals(List.of("exclude\tdata", "include\tsystem", "include\tsystem/swap",
                "include\tsystem/var", "exclude\tsystem/var/tmp"), Files.readAllLines(out));
        assertTrue(Files.readString(tmp.resolve("argv.log")).startsWith("list -H -p"),
                Files.readString(tmp.resolve("argv.log")));
    }
}
