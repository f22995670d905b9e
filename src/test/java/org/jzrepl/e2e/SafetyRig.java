package org.jzrepl.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.daemon.Daemon;
import org.jzrepl.job.ActiveJob;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.Jobs;
import org.jzrepl.pruning.PruneReport;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.DatasetPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data-safety matrix's common parts: a daemon started from a YAML {@code jobs} section (push
 * jobs and sinks over the {@code local} transport, manual snapshotting, woken by the test), the
 * runs of a job, and listings of snapshots, bookmarks and holds read in the guest. Abstractions
 * are found by a name prefix ({@code jzrepl_CURSOR_}, {@code jzrepl_STEP_}), not by their full
 * names, so the tests hold whatever else a name carries (job, client identity).
 */
final class SafetyRig {
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);
    static final String CURSOR = "jzrepl_CURSOR_";
    static final String TENTATIVE = "jzrepl_CURSORTENTATIVE_";
    static final String STEP_HOLD = "jzrepl_STEP_";

    private final ZfsTestbed tb;

    SafetyRig(ZfsTestbed tb) {
        this.tb = tb;
    }

    /** A started daemon whose config is {@code jobs} (the YAML list under {@code jobs:}). */
    Daemon daemon(Path dir, String jobs) throws Exception {
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve("jzrepl.yml"), "global:\n  control: {sockpath: "
                + dir.resolve("run/control") + "}\njobs:\n" + jobs);
        JzreplConfig c = ConfigLoader.load(file);
        return Daemon.start(c, new Jobs.Context(tb.zfs(), new LocalSwitchboard(), c.global().stdinserverSockdir(),
                dir, RpcSettings.defaults(Runners.shared()), Runners.fresh()), "test");
    }

    /** A sink named {@code name} on local listener {@code name} into {@code root}. */
    static String sink(String name, DatasetPath root) {
        return "  - name: " + name + "\n    type: sink\n    serve: {type: local, listener_name: " + name + "}\n"
                + "    root_fs: \"" + root + "\"\n";
    }

    /**
     * A manual push job to the local sink {@code sink} as client {@code identity}; {@code more} is
     * extra YAML lines of the job (indented 4), e.g. its {@code pruning} section.
     */
    static String push(String name, String sink, String identity, String filesystems, String more) {
        return "  - name: " + name + "\n    type: push\n"
                + "    connect: {type: local, listener_name: " + sink + ", client_identity: " + identity + "}\n"
                + "    filesystems: " + filesystems + "\n    snapshotting: {type: manual}\n" + more;
    }

    /** Wakes {@code job}, waits for its run to end and returns that run's report. */
    static JobReport.Active run(Daemon d, String job) throws InterruptedException {
        ActiveJob j = (ActiveJob) d.job(job).orElseThrow();
        long before = ((JobReport.Active) j.report()).runs();
        j.wakeup();
        assertTrue(j.awaitRuns(before + 1, RUN_TIMEOUT), "run of " + job + " ended within " + RUN_TIMEOUT);
        return (JobReport.Active) j.report();
    }

    /** {@link #run}, asserting the replication and both pruning phases succeeded. */
    static JobReport.Active runDone(Daemon d, String job) throws InterruptedException {
        JobReport.Active r = run(d, job);
        assertEquals(AttemptState.DONE, r.last().state(), () -> "replication of " + job + ": " + r);
        for (PruneReport p : r.pruning()) {
            assertEquals(PruneReport.State.DONE, p.state(), () -> "pruning of " + job + ": " + r);
        }
        return r;
    }

    static FilesystemReport fs(AttemptReport a, DatasetPath fs) {
        return a.filesystems().stream().filter(f -> f.path().equals(fs.name())).findFirst()
                .orElseThrow(() -> new AssertionError(fs + " not in the report: " + a));
    }

    /** The steps {@code fs} ran in the run, as "from>to" (from empty for a full send), short names. */
    static List<String> steps(AttemptReport a, DatasetPath fs) {
        List<String> out = new ArrayList<>();
        for (StepReport s : fs(a, fs).steps()) {
            out.add((s.from() == null ? "" : shortName(s.from())) + ">" + shortName(s.to()));
        }
        return out;
    }

    private static String shortName(String v) {
        int at = Math.max(v.lastIndexOf('@'), v.lastIndexOf('#'));
        return at < 0 ? v : v.substring(at);
    }

    /** The pruning report of {@code side} in the job's last run. */
    static PruneReport pruning(JobReport.Active r, PruneReport.Side side) {
        return r.pruning().stream().filter(p -> p.side() == side).findFirst()
                .orElseThrow(() -> new AssertionError("no " + side + " pruning in " + r));
    }

    /** Snapshot short names of {@code fs}, oldest first. */
    List<String> snapshots(DatasetPath fs) {
        return names(tb.guest("zfs list -H -o name -t snapshot -s createtxg -d 1 " + ZfsTestbed.quote(fs.name())),
                '@', "");
    }

    /** Bookmark short names of {@code fs} starting with {@code prefix}, oldest first. */
    List<String> bookmarks(DatasetPath fs, String prefix) {
        return names(tb.guest("zfs list -H -o name -t bookmark -s createtxg -d 1 " + ZfsTestbed.quote(fs.name())),
                '#', prefix);
    }

    /** Hold tags on {@code fs@snapshot} starting with {@code prefix}. */
    List<String> holds(DatasetPath fs, String snapshot, String prefix) {
        String out = tb.guest("zfs holds -H " + ZfsTestbed.quote(fs.name() + "@" + snapshot)).strip();
        List<String> tags = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\t");
            if (f.length >= 2 && f[1].startsWith(prefix)) {
                tags.add(f[1]);
            }
        }
        return tags;
    }

    /** Every hold tag starting with {@code prefix} on any snapshot of {@code fs}, as "snap:tag". */
    List<String> allHolds(DatasetPath fs, String prefix) {
        List<String> out = new ArrayList<>();
        for (String s : snapshots(fs)) {
            for (String h : holds(fs, s, prefix)) {
                out.add(s + ":" + h);
            }
        }
        return out;
    }

    String guid(DatasetPath fs, String version) {
        return tb.guest("zfs get -H -p -o value guid " + ZfsTestbed.quote(fs.name() + version)).strip();
    }

    String property(DatasetPath fs, String property) {
        return tb.guest("zfs get -H -o value " + property + " " + ZfsTestbed.quote(fs.name())).strip();
    }

    boolean exists(DatasetPath fs) {
        return tb.guest("zfs list -H -o name " + ZfsTestbed.quote(fs.name()) + " >/dev/null 2>&1 && echo yes || echo no")
                .strip().equals("yes");
    }

    void snapshot(DatasetPath fs, String name) {
        tb.guest("zfs snapshot " + ZfsTestbed.quote(fs.name() + "@" + name));
    }

    private static List<String> names(String listing, char sep, String prefix) {
        String out = listing.strip();
        if (out.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(out.split("\n")).map(l -> l.substring(l.indexOf(sep) + 1))
                .filter(n -> n.startsWith(prefix)).toList();
    }
}
