package org.jzrepl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.cli.Main;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.daemon.Daemon;
import org.jzrepl.job.ActiveJob;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.Jobs;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.StepState;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.Tmux;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.cmd.ZfsCli;
import org.jzrepl.zfs.cmd.ZfsMeter;
import org.jzrepl.zfs.cmd.ZfsRunner;

/**
 * {@code jzrepl status} in a real terminal (tmux) against a daemon in the middle of a transfer:
 * a push job and a sink in one daemon over the local transport, real ZFS, with {@code zfs send}
 * throttled to {@value #RATE_KIB} KiB/s by a wrapper ({@code pv -L}), so the 4 MiB stream takes
 * about 25 s. The screen must show the bar, a rate near the throttle and an ETA, filter by
 * filesystem with {@code /}, switch jobs, ask before a wakeup and send it over the control socket.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StatusScreenIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    static final int RATE_KIB = 160;
    static final Duration SCREEN_WAIT = Duration.ofSeconds(20);
    /** A bar line: bar, percent, bytes / expected, rate, ETA. */
    static final Pattern BAR = Pattern.compile(
            "\\[=*>? *\\]\\s+\\d+%\\s+[\\d.]+ (?:B|KiB|MiB) / [\\d.]+ MiB\\s+([\\d.]+) (KiB|MiB)/s\\s+ETA (\\d+m)?\\d+s");

    @TempDir
    Path tmp;

    @Test
    void showsTheTransferLiveFiltersAndSignals() throws Exception {
        DatasetPath src = TESTBED.path("p/src");
        DatasetPath sinkRoot = TESTBED.path("p/sink");
        TESTBED.guest("zfs create -p " + src.child("big") + " && zfs create " + src.child("small")
                + " && zfs create " + sinkRoot);
        TESTBED.writeRandom(src.child("big"), "f.bin", 4);
        TESTBED.writeRandomKib(src.child("small"), "f.bin", 64);
        TESTBED.guest("zfs snapshot -r " + src + "@s1");
        Path file = Files.writeString(tmp.resolve("jzrepl.yml"), "global:\n"
                + "  control: {sockpath: " + tmp.resolve("run/control") + "}\n"
                + "jobs:\n"
                + "  - name: push\n    type: push\n"
                + "    connect: {type: local, listener_name: backups, client_identity: laptop}\n"
                + "    filesystems: {\"" + src + "<\": true}\n"
                + "    snapshotting: {type: manual}\n"
                + "    pruning: {keep_sender: [], keep_receiver: []}\n"
                + "  - name: sink\n    type: sink\n    serve: {type: local, listener_name: backups}\n"
                + "    root_fs: " + sinkRoot + "\n");
        JzreplConfig c = ConfigLoader.load(file);
        ZfsCli zfs = new ZfsCli(new ZfsRunner(throttledZfs(), ZfsMeter.NONE, ZfsTestbed.COMMAND_TIMEOUT));
        try (Daemon d = Daemon.start(c, new Jobs.Context(zfs, new LocalSwitchboard(), c.global().stdinserverSockdir(),
                tmp, RpcSettings.defaults(Runners.shared()), Runners.fresh()), "test")) {
            ActiveJob push = (ActiveJob) d.job("push").orElseThrow();
            push.wakeup();
            awaitBigStepRunning(push);
            try (Tmux term = Tmux.start(tmp, 110, 30, statusCommand(file))) {
                String screen = term.await("the big filesystem's bar with a rate", SCREEN_WAIT,
                        s -> barOf(s, "/src/big") != null);
                assertTrue(screen.contains("[push RUNNING]"), screen);
                assertTrue(screen.contains("phase: replication, next run: on wakeup (w)"), screen);
                assertTrue(screen.contains("full → @s1"), screen);
                Matcher bar = barOf(screen, "/src/big");
                double kib = Double.parseDouble(bar.group(1)) * (bar.group(2).equals("MiB") ? 1024 : 1);
                assertTrue(kib > RATE_KIB * 0.4 && kib < RATE_KIB * 2.5, "rate near the throttle: " + bar.group());
                Files.writeString(Path.of("target", "status-screen-capture.txt"), screen);

                term.literal("/");
                term.literal("small");
                screen = term.await("the filter applied", SCREEN_WAIT, s -> s.contains("(filter \"small\": 1 of 3"));
                assertFalse(screen.contains("/src/big "), screen);
                assertTrue(screen.contains("filter: small"), "typing shows the filter: " + screen);
                term.keys("Enter");
                screen = term.await("the kept filter", SCREEN_WAIT, s -> s.contains("filter: \"small\" (Esc clears)"));
                assertTrue(screen.contains("/src/small"), screen);
                term.keys("Escape");
                term.await("the filter cleared", SCREEN_WAIT, s -> s.contains("/src/big") && !s.contains("(filter"));

                term.keys("n");
                term.await("the sink selected", SCREEN_WAIT,
                        s -> s.contains("[sink SERVING]") && s.contains("job sink (sink): SERVING"));
                term.keys("Tab");
                term.await("the push job again", SCREEN_WAIT, s -> s.contains("[push RUNNING]"));

                term.keys("w");
                term.await("the wakeup question", SCREEN_WAIT, s -> s.contains("wakeup job push? (y/n)"));
                term.keys("n");
                term.await("the wakeup cancelled", SCREEN_WAIT, s -> s.contains("wakeup cancelled"));

                assertTrue(push.awaitRuns(1, Duration.ofMinutes(3)), "the throttled run ended");
                AttemptReport last = ((JobReport.Active) push.report()).last();
                assertEquals(AttemptState.DONE, last.state(), last.toString());
                term.await("the finished run", SCREEN_WAIT, s -> s.contains("last replication: attempt 1/"));

                term.keys("w");
                term.await("the wakeup question", SCREEN_WAIT, s -> s.contains("wakeup job push? (y/n)"));
                term.keys("y");
                term.await("the wakeup sent", SCREEN_WAIT, s -> s.contains("sent wakeup to job push"));
                assertTrue(push.awaitRuns(2, Duration.ofMinutes(2)), "the wakeup from the screen started a run");

                term.keys("q");
                term.await("the screen left with exit status 0", SCREEN_WAIT, s -> s.contains("status exit=0"));
            }
        }
        assertEquals(TESTBED.checksum(src.child("big"), "s1"),
                TESTBED.checksum(sinkRoot.child("laptop").resolve(src.child("big")), "s1"));
    }

    /** The bar line under the filesystem ending in {@code suffix}, or null while it is not drawn with a rate. */
    static Matcher barOf(String screen, String suffix) {
        List<String> lines = screen.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).strip().split(" ")[0].endsWith(suffix)) {
                Matcher m = BAR.matcher(lines.get(i + 1));
                return m.find() ? m : null;
            }
        }
        return null;
    }

    private static void awaitBigStepRunning(ActiveJob push) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            AttemptReport a = ((JobReport.Active) push.report()).current();
            if (a != null && a.filesystems().stream().anyMatch(fs -> fs.path().endsWith("/src/big")
                    && fs.steps().stream().anyMatch(s -> s.state() == StepState.RUNNING && s.bytesReplicated() > 0))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the big filesystem's step did not start: " + push.report());
    }

    /** The testbed's zfs wrapper, with {@code zfs send} (not its dry run) piped through {@code pv -L}. */
    private Path throttledZfs() throws Exception {
        Path w = tmp.resolve("zfs-throttled");
        Files.writeString(w, "#!/bin/bash\nset -o pipefail\n"
                + "if [ \"$1\" = send ] && [ \"$2\" != -n ]; then\n"
                + "  \"" + TESTBED.zfsBinary() + "\" \"$@\" | pv -q -L " + RATE_KIB + "k\n"
                + "else\n  exec \"" + TESTBED.zfsBinary() + "\" \"$@\"\nfi\n");
        Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
        return w;
    }

    /** {@code jzrepl status} on this JVM's class path, then its exit status, then a pause to read it. */
    private static String statusCommand(Path config) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return String.format(Locale.ROOT, "LANG=C.UTF-8 '%s' -XX:TieredStopAtLevel=1 -cp '%s' %s -c '%s' status; "
                        + "echo \"status exit=$?\"; sleep 60",
                java, System.getProperty("java.class.path"), Main.class.getName(), config);
    }
}
