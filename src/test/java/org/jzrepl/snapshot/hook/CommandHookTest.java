package org.jzrepl.snapshot.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.testing.LogCapture;
import org.jzrepl.zfs.DatasetPath;

/** Real processes from temporary shell scripts: what zrepl users' hook scripts see and what happens when they misbehave. */
class CommandHookTest {
    private static final HookEnv ENV = new HookEnv(DatasetPath.parse("pool/data/db"), "zrepl_20260101_000000_000", false);

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private static CommandHook hook(Path p, Duration timeout) {
        return new CommandHook(p, timeout, FilesystemFilter.ALL, false, Hooks.DEFAULT_MAX_LOG_SIZE);
    }

    private Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return m;
    }

    @Test
    void passesZreplsEnvironmentToPreAndPost() throws Exception {
        Path out = dir.resolve("env");
        Path p = script("h", "env | grep -E '^(ZREPL_|PATH=)' | sort > " + out + ".$ZREPL_HOOKTYPE");
        Hook.Post post = hook(p, Duration.ofMillis(2900)).pre(ENV);
        Map<String, String> pre = readEnv(Path.of(out + ".pre_snapshot"));
        assertEquals("pre_snapshot", pre.get("ZREPL_HOOKTYPE"));
        assertEquals("pool/data/db", pre.get("ZREPL_FS"));
        assertEquals("zrepl_20260101_000000_000", pre.get("ZREPL_SNAPNAME"));
        assertEquals("", pre.get("ZREPL_DRYRUN"));
        assertEquals("2", pre.get("ZREPL_TIMEOUT"), "whole seconds, rounded down as zrepl does");
        assertEquals(System.getenv("PATH"), pre.get("PATH"), "the daemon's environment is passed on");
        assertFalse(Files.exists(Path.of(out + ".post_snapshot")), "post runs only when called");

        post.run(new HookEnv(ENV.fs(), ENV.snapshotName(), true));
        Map<String, String> postEnv = readEnv(Path.of(out + ".post_snapshot"));
        assertEquals("post_snapshot", postEnv.get("ZREPL_HOOKTYPE"));
        assertEquals("true", postEnv.get("ZREPL_DRYRUN"));
        assertEquals("pool/data/db", postEnv.get("ZREPL_FS"));
    }

    @Test
    void nonZeroExitFailsWithTheCodeAndTheOutputTail() throws Exception {
        Path p = script("fails", "echo starting; echo 'disk is read-only' >&2; exit 3");
        HookException e = assertThrows(HookException.class, () -> hook(p, Duration.ofSeconds(10)).pre(ENV));
        assertTrue(e.getMessage().startsWith("hook command " + p + " (pre_snapshot pool/data/db@zrepl_20260101_000000_000)"
                + " exited with 3; output: "), e.getMessage());
        // stdout and stderr are two pipes read by two threads: their lines interleave in any order
        assertTrue(e.getMessage().endsWith("starting\\ndisk is read-only")
                || e.getMessage().endsWith("disk is read-only\\nstarting"), e.getMessage());
        assertEquals(Set.of("starting", "disk is read-only"), Set.of(e.outputTail().split("\n")));
    }

    @Test
    void hostileOutputIsEscapedInMessageAndLog() throws Exception {
        Path p = script("hostile", "printf 'ok\\033[2J\\r\\nFAKE LOG LINE\\n' >&2; exit 1");
        try (LogCapture log = LogCapture.start()) {
            HookException e = assertThrows(HookException.class, () -> hook(p, Duration.ofSeconds(10)).pre(ENV));
            assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
            assertTrue(e.getMessage().endsWith("output: ok\\x1b[2J\\r\\nFAKE LOG LINE"), e.getMessage());
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("WARN") && l.endsWith("stderr: ok\\x1b[2J\\r")),
                    log.text());
            assertTrue(log.lines().stream().noneMatch(l -> l.startsWith("FAKE")), "stderr cannot start a log line");
            assertFalse(log.text().contains("\u001b"));
        }
    }

    @Test
    void timeoutKillsTheHookAndTheChildrenOfItsProcessGroup() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Path p = script("hangs", "sleep 1000 > /dev/null 2>&1 &\necho $! > " + pidFile + "\necho waiting\nsleep 1000");
        long t0 = System.nanoTime();
        HookException e = assertThrows(HookException.class, () -> hook(p, Duration.ofSeconds(1)).pre(ENV));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took);
        assertTrue(e.getMessage().contains("timed out after 1s (did not exit; its process group was killed)"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("output: waiting"), e.getMessage());
        assertGone(Long.parseLong(Files.readString(pidFile).strip()));
    }

    @Test
    void childrenThatKeepTheOutputOpenAfterTheHookExitedAreKilledAtTheTimeout() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Path p = script("leaves-child", "sleep 1000 &\necho $! > " + pidFile + "\nexit 0");
        HookException e = assertThrows(HookException.class, () -> hook(p, Duration.ofSeconds(1)).pre(ENV));
        assertTrue(e.getMessage().contains("timed out after 1s (exited with 0 but processes it started kept its"
                + " output open; its process group was killed)"), e.getMessage());
        assertGone(Long.parseLong(Files.readString(pidFile).strip()));
    }

    @Test
    void chattyHookKeepsOnlyTheCapAndLogsNoMoreThanIt() throws Exception {
        int cap = 64 * 1024;
        Path p = script("chatty", "yes | head -c 20000000\necho\necho THE-END\nexit 1");
        CommandHook h = new CommandHook(p, Duration.ofSeconds(30), FilesystemFilter.ALL, false, cap);
        try (LogCapture log = LogCapture.start()) {
            HookException e = assertThrows(HookException.class, () -> h.pre(ENV));
            assertTrue(e.outputTail().endsWith("y\ny\n\nTHE-END"), e.outputTail().substring(e.outputTail().length() - 20));
            assertTrue(e.outputTail().length() <= cap, "kept " + e.outputTail().length() + " chars");
            assertTrue(e.getMessage().length() < 2 * CommandHook.MESSAGE_TAIL, "message of " + e.getMessage().length());
            assertEquals(1, log.lines().stream().filter(l -> l.contains("output beyond 65536 bytes is not logged")).count(),
                    log.text());
        }
    }

    @Test
    void aMissingOrNonExecutableFileFailsClearly() throws Exception {
        Path missing = dir.resolve("nope");
        HookException e = assertThrows(HookException.class, () -> hook(missing, Duration.ofSeconds(1)).pre(ENV));
        assertTrue(e.getMessage().endsWith(": " + missing + " is not an executable file"), e.getMessage());
        Path plain = dir.resolve("plain");
        Files.writeString(plain, "#!/bin/sh\n");
        assertThrows(HookException.class, () -> hook(plain, Duration.ofSeconds(1)).pre(ENV));
    }

    @Test
    void filesystemsFilterSelects() {
        CommandHook h = new CommandHook(Path.of("/bin/true"), Duration.ofSeconds(1),
                FilesystemFilter.of(Map.of("pool/data<", true)), true, 10);
        assertTrue(h.appliesTo(DatasetPath.parse("pool/data/db")));
        assertFalse(h.appliesTo(DatasetPath.parse("pool/other")));
        assertTrue(h.errIsFatal());
        assertEquals("command /bin/true", h.describe());
    }

    /** zrepl's order with real scripts: a failing fatal pre hook skips the snapshot; the earlier hook's post runs. */
    @Test
    void sequenceRunsPostOfSucceededPreHooksOnlyAfterAFatalFailure() throws Exception {
        Path log = dir.resolve("calls");
        String body = "echo \"$ZREPL_HOOKTYPE %s\" >> " + log + "\n";
        Path a = script("a", String.format(body, "a"));
        Path b = script("b", String.format(body, "b") + "exit 7");
        Path c = script("c", String.format(body, "c"));
        List<Hook> hooks = List.of(hook(a, Duration.ofSeconds(5)),
                new CommandHook(b, Duration.ofSeconds(5), FilesystemFilter.ALL, true, 1024), hook(c, Duration.ofSeconds(5)));
        HookSequence seq = HookSequence.select(hooks, ENV.fs(), Clock.systemUTC());
        HookSequence.Pre pre = seq.runPre(ENV);
        assertFalse(pre.snapshotAllowed());
        assertTrue(pre.results().get(1).error().contains("exited with 7"), pre.results().get(1).error());
        List<HookResult> post = seq.runPost(pre, ENV);
        assertEquals(1, post.size());
        assertTrue(post.get(0).ok());
        assertEquals(List.of("pre_snapshot a", "pre_snapshot b", "post_snapshot a"), Files.readAllLines(log));
    }

    /** Dead: no /proc entry, or a zombie waiting for a reaper (this machine's init may not reap). */
    private static void assertGone(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        for (int i = 0; i < 100; i++) {
            if (!Files.exists(stat)) {
                return;
            }
            try {
                String s = Files.readString(stat, StandardCharsets.UTF_8);
                if (s.substring(s.lastIndexOf(')') + 2).startsWith("Z")) {
                    return;
                }
            } catch (IOException e) {
                return; // vanished while reading
            }
            Thread.sleep(20);
        }
        throw new AssertionError("child process " + pid + " still runs");
    }
}
