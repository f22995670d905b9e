package org.jzrepl.zfs.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.KillSwitch;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.SendArgs;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.SendStream;
import org.jzrepl.zfs.ZfsException;

/**
 * Stopped zfs processes (real processes: a script that sends itself SIGSTOP) under a tripped
 * {@link KillSwitch}: the call blocked on them ends, the process is gone, and a tripped switch
 * starts nothing more. The runner's own timeout is 10 minutes here, so only the switch can end them.
 */
@Timeout(60)
class KilledProcessesTest {

    @TempDir
    Path dir;

    /** A stopped script the code under test failed to kill must not outlive the test. */
    @org.junit.jupiter.api.AfterEach
    void killLeftovers() throws IOException {
        Path pid = dir.resolve("pid");
        if (Files.exists(pid) && !Files.readString(pid).isBlank()) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private ZfsCli cli(String caseBody) throws IOException {
        Path bin = dir.resolve("zfs");
        Files.writeString(bin, "#!/bin/bash\necho \"$*\" >> " + dir.resolve("calls") + "\n"
                + "case \"$1\" in\n" + caseBody + "\nesac\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        return new ZfsCli(new ZfsRunner(bin, (v, d, e) -> { }, Duration.ofMinutes(10)));
    }

    /** A case body that records the process id and stops the process, as `kill -STOP` in the testbed does. */
    private String stopped(String verb) {
        return verb + ") echo $$ > " + dir.resolve("pid") + "; kill -STOP $$ ;;";
    }

    private ProcessHandle stoppedProcess() throws Exception {
        Path pid = dir.resolve("pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(Files.exists(pid) && !Files.readString(pid).isBlank())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the script did not start");
            }
            Thread.sleep(20);
        }
        ProcessHandle p = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).orElseThrow();
        Thread.sleep(300);       // let the caller block on it
        return p;
    }

    /** Runs {@code call} under {@code s} on another thread; the failure it ends with. */
    private static CompletableFuture<Throwable> under(KillSwitch s, Call call) {
        CompletableFuture<Throwable> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (KillSwitch.Binding b = s.bind()) {
                call.run();
                f.complete(null);
            } catch (Throwable e) {
                f.complete(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return f;
    }

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    private static void assertStillBlocked(CompletableFuture<Throwable> f) throws Exception {
        try {
            f.get(500, TimeUnit.MILLISECONDS);
            throw new AssertionError("the call ended before the switch tripped: " + f.get());
        } catch (TimeoutException expected) {
            // blocked on the stopped process, as it should be
        }
    }

    private static Throwable ended(CompletableFuture<Throwable> f) throws InterruptedException, ExecutionException {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the call did not end within 10 s of the trip");
        }
    }

    private static void assertGone(ProcessHandle p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(p.isAlive(), "the stopped zfs process was killed");
    }

    @Test
    void aStoppedRecvThatBlocksThePumpInAWriteIsKilledAndTheReceiveFails() throws Exception {
        ZfsCli zfs = cli(stopped("recv"));
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 7;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 7);
                return len;
            }
        };
        KillSwitch s = new KillSwitch("step b/fs");
        CompletableFuture<Throwable> f = under(s, () -> zfs.recv(RecvArgs.of(DatasetPath.parse("b/fs")), endless));
        ProcessHandle p = stoppedProcess();
        assertStillBlocked(f);
        assertEquals(1, s.running());

        assertEquals(1, s.trip("no progress for 1s"));

        Throwable e = ended(f);
        ZfsException z = assertInstanceOf(ZfsException.class, e);
        assertTrue(z.getMessage().contains("killed"), z.getMessage());
        assertGone(p);
        assertEquals(0, s.running(), "the ended recv is no longer registered");
    }

    @Test
    void aSizeEstimateThatHangsIsKilled() throws Exception {
        ZfsCli zfs = cli(stopped("send"));
        SendArgs args = SendArgs.full(DatasetPath.parse("p/fs"), "s1", SendFlags.NONE);
        KillSwitch s = new KillSwitch("step p/fs");
        CompletableFuture<Throwable> f = under(s, () -> zfs.estimateSize(args));
        ProcessHandle p = stoppedProcess();
        assertStillBlocked(f);

        s.trip("no progress for 1s");

        assertTrue(assertInstanceOf(ZfsException.class, ended(f)).getMessage().contains("killed"));
        assertGone(p);
    }

    @Test
    void aKilledEstimateEndsEvenWhenAChildStillHoldsItsStdout() throws Exception {
        // as an ssh multiplexing client does: the master keeps the stdout it was handed
        ZfsCli zfs = cli("send) sleep 600 & echo $! > " + dir.resolve("child") + "; " + stopped("send").substring(6));
        SendArgs args = SendArgs.full(DatasetPath.parse("p/fs"), "s1", SendFlags.NONE);
        KillSwitch s = new KillSwitch("step p/fs");
        CompletableFuture<Throwable> f = under(s, () -> zfs.estimateSize(args));
        ProcessHandle p = stoppedProcess();
        try {
            assertStillBlocked(f);
            long t0 = System.nanoTime();
            s.trip("no progress for 1s");
            assertTrue(assertInstanceOf(ZfsException.class, ended(f)).getMessage().contains("killed"));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(millis < 3000, "ended " + millis + " ms after the kill: the watchdog closes the session"
                    + " one period (at least 10 ms, here 4 s) later");
            assertGone(p);
        } finally {
            ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve("child")).strip()))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aSendThatStopsBeforeItsFirstByteEndsItsStreamWhenKilled() throws Exception {
        ZfsCli zfs = cli(stopped("send"));
        SendArgs args = SendArgs.full(DatasetPath.parse("p/fs"), "s1", SendFlags.NONE);
        KillSwitch s = new KillSwitch("step p/fs");
        SendStream[] stream = new SendStream[1];
        CompletableFuture<Throwable> f = under(s, () -> {
            stream[0] = zfs.send(args);
            int n = stream[0].stream().read(new byte[4096]);
            if (n >= 0) {
                throw new AssertionError("a byte from a stopped send: " + n);
            }
            stream[0].finish();
        });
        ProcessHandle p = stoppedProcess();
        assertStillBlocked(f);

        s.trip("no progress for 1s");

        assertTrue(assertInstanceOf(ZfsException.class, ended(f)).getMessage().contains("killed"));
        assertGone(p);
        stream[0].close();
    }

    @Test
    void aTrippedSwitchStartsNoMoreZfsCommands() throws Exception {
        ZfsCli zfs = cli("*) exit 0 ;;");
        KillSwitch s = new KillSwitch("step p/fs");
        s.trip("no progress for 1s");
        Throwable e = ended(under(s, () -> zfs.hold(DatasetPath.parse("p/fs"), "s1", "jzrepl_x")));
        ZfsException z = assertInstanceOf(ZfsException.class, e);
        assertTrue(z.getMessage().contains("not started: step p/fs is being aborted (no progress for 1s)"),
                z.getMessage());
        assertFalse(Files.exists(dir.resolve("calls")), "zfs never ran");
    }

    @Test
    void commandsThatEndedNormallyLeaveNothingRegistered() throws Exception {
        ZfsCli zfs = cli("*) exit 0 ;;");
        KillSwitch s = new KillSwitch("step p/fs");
        Throwable e = ended(under(s, () -> zfs.recvAbort(DatasetPath.parse("p/fs"))));
        assertEquals(null, e);
        assertEquals(0, s.running());
    }
}
