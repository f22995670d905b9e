package org.jzrepl.zfs.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.ZfsException;

/** The runner against small shell scripts standing in for the zfs binary (real processes). */
@Timeout(60)
class ZfsRunnerTest {

    record Rec(String verb, Duration duration, int exit) { }

    @TempDir
    Path dir;
    final List<Rec> metered = new CopyOnWriteArrayList<>();
    final ZfsMeter meter = (v, d, e) -> metered.add(new Rec(v, d, e));

    private Path script(String body) throws IOException {
        Path p = dir.resolve("zfs");
        Files.writeString(p, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void passesArgumentsVerbatimAndReturnsStdout() throws Exception {
        ZfsRunner r = new ZfsRunner(script("printf '%s\\n' \"$@\""), meter);
        assertEquals("get\nname with space\n$HOME;x\n", r.run(List.of("get", "name with space", "$HOME;x")));
    }

    @Test
    void runsWithCLocaleSoMessagesAreParsable() throws Exception {
        ZfsRunner r = new ZfsRunner(script("echo \"$LC_ALL\""), meter);
        assertEquals("C\n", r.run(List.of("list")));
    }

    @Test
    void metersVerbDurationAndExitOfEachCommand() throws Exception {
        ZfsRunner r = new ZfsRunner(script("sleep 0.2; [ \"$1\" = list ]"), meter);
        r.run(List.of("list"));
        assertThrows(ZfsException.class, () -> r.run(List.of("snapshot", "p/fs@a")));
        assertEquals(2, metered.size());
        assertEquals("list", metered.get(0).verb());
        assertEquals(0, metered.get(0).exit());
        assertTrue(metered.get(0).duration().toMillis() >= 200, metered.get(0).toString());
        assertEquals("snapshot", metered.get(1).verb());
        assertEquals(1, metered.get(1).exit());
    }

    @Test
    void mapsStderrOfAFailedCommandToATypedExceptionKeepingTheRawText() throws Exception {
        Path captured = Path.of("src/test/resources/zfs/2.1.11/err-destroy-missing-snapshot.err").toAbsolutePath();
        ZfsRunner r = new ZfsRunner(script("cat '" + captured + "' >&2; exit 1"), meter);
        ZfsException e = assertThrows(ZfsException.class, () -> r.run(List.of("destroy", "p/fs@nope")));
        assertInstanceOf(DatasetNotFoundException.class, e);
        assertEquals(Files.readString(captured), e.stderr());
        assertEquals(List.of("destroy", "p/fs@nope"), e.command());
        assertEquals(1, e.exitCode());
    }

    @Test
    void keepsOnlyTheHeadOfHugeStderrAndDoesNotBlock() throws Exception {
        ZfsRunner r = new ZfsRunner(script("echo first-line >&2; head -c 2000000 /dev/zero | tr '\\0' x >&2; exit 3"),
                meter);
        ZfsException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ZfsException.class, () -> r.run(List.of("send", "p/fs@a"))));
        assertTrue(e.stderr().startsWith("first-line\n"));
        assertTrue(e.stderr().length() < RunningCommand.STDERR_LIMIT + 100, "kept " + e.stderr().length());
        assertTrue(e.stderr().endsWith("more bytes not kept]"));
    }

    @Test
    void killsACommandThatOutlivesTheTimeout() throws Exception {
        ZfsRunner r = new ZfsRunner(script("exec sleep 30"), meter, Duration.ofMillis(500));
        ZfsException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(ZfsException.class, () -> r.run(List.of("list"))));
        assertEquals(-1, e.exitCode());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertEquals(-1, metered.get(0).exit());
    }

    @Test
    void aMissingBinaryIsAZfsExceptionAndIsMetered() {
        ZfsRunner r = new ZfsRunner(dir.resolve("no-such-zfs"), meter);
        ZfsException e = assertThrows(ZfsException.class, () -> r.run(List.of("list")));
        assertEquals(-1, e.exitCode());
        assertTrue(e.getMessage().contains("no-such-zfs"), e.getMessage());
        assertEquals(List.of(new Rec("list", metered.get(0).duration(), -1)), metered);
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new ZfsRunner(dir, meter, Duration.ZERO));
    }

    @Test
    void stdoutIsCappedPerCommandAndMoreFailsItWithoutBlockingTheProcess() throws Exception {
        ZfsRunner r = new ZfsRunner(script("head -c 3000000 /dev/zero | tr '\\0' x"), meter);
        ZfsException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ZfsException.class, () -> r.run(List.of("holds", "-H", "--", "p/fs@a"))));
        assertTrue(e.getMessage().contains("output longer than " + ZfsRunner.SMALL_OUTPUT_LIMIT + " bytes"),
                e.getMessage());
        assertEquals(3_000_000, r.run(List.of("list", "--", "p/fs"), ZfsRunner.DATASET_LISTING_LIMIT).length());
        assertTrue(ZfsRunner.SMALL_OUTPUT_LIMIT < ZfsRunner.DATASET_LISTING_LIMIT
                && ZfsRunner.DATASET_LISTING_LIMIT < ZfsRunner.TREE_LISTING_LIMIT);
    }
}
