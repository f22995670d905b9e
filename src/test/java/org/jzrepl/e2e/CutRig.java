package org.jzrepl.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.ConnectConfig;
import org.jzrepl.config.JobConfig;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.job.ActiveJob;
import org.jzrepl.job.Job;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.Jobs;
import org.jzrepl.job.RunObserver;
import org.jzrepl.job.TestPushJobs;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.transport.local.LocalSwitchboard;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sink and a push job from one YAML {@code jobs} section ({@link SafetyRig#sink}, {@link
 * SafetyRig#push}), built as the daemon builds them but with the push job dialling the sink through
 * a {@link CutSwitch}, and every finished run of the push job recorded. Jobs are started on
 * construction and stopped by {@link #close}.
 */
final class CutRig implements AutoCloseable {
    final CutSwitch cut;
    final ActiveJob push;
    /** Every finished run of the push job, oldest first. */
    final List<RunObserver.FinishedRun> runs;
    private final Job sink;

    private CutRig(CutSwitch cut, ActiveJob push, Job sink, List<RunObserver.FinishedRun> runs) {
        this.cut = cut;
        this.push = push;
        this.sink = sink;
        this.runs = runs;
    }

    /**
     * Starts the jobs of {@code jobs}: exactly one sink, and one push job to it with
     * {@code maxAttempts} driver attempts per run (1: a cut ends the run).
     */
    static CutRig start(ZfsTestbed tb, Path dir, String jobs, int maxAttempts) throws Exception {
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve("jzrepl.yml"), "global:\n  control: {sockpath: "
                + dir.resolve("run/control") + "}\njobs:\n" + jobs);
        JzreplConfig c = ConfigLoader.load(file);
        LocalSwitchboard board = new LocalSwitchboard();
        Jobs.Context ctx = new Jobs.Context(tb.zfs(), board, c.global().stdinserverSockdir(), dir,
                RpcSettings.defaults(Runners.shared()), Runners.fresh());
        JobConfig.Sink sinkConfig = (JobConfig.Sink) c.jobs().stream().filter(j -> j instanceof JobConfig.Sink)
                .findFirst().orElseThrow();
        JobConfig.Push pushConfig = (JobConfig.Push) c.jobs().stream().filter(j -> j instanceof JobConfig.Push)
                .findFirst().orElseThrow();
        Job sink = Jobs.build(sinkConfig, ctx);
        sink.start();
        ConnectConfig.Local local = (ConnectConfig.Local) pushConfig.connect();
        CutSwitch cut = new CutSwitch(board.connecter(local.listenerName(), local.clientIdentity(),
                local.dialTimeout()));
        List<RunObserver.FinishedRun> runs = new CopyOnWriteArrayList<>();
        ActiveJob push = TestPushJobs.push(pushConfig, ctx, cut, maxAttempts, runs::add);
        push.start();
        return new CutRig(cut, push, sink, runs);
    }

    /** Wakes the push job and returns the report after its run ended. */
    JobReport.Active run() throws InterruptedException {
        long before = ((JobReport.Active) push.report()).runs();
        push.wakeup();
        assertTrue(push.awaitRuns(before + 1, SafetyRig.RUN_TIMEOUT), "run ended within " + SafetyRig.RUN_TIMEOUT);
        return (JobReport.Active) push.report();
    }

    @Override
    public void close() {
        push.close();
        sink.close();
    }
}
