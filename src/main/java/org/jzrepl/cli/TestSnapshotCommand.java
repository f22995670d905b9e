package org.jzrepl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jzrepl.config.ConfigException;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.JobConfig;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.daemon.ZfsBinary;
import org.jzrepl.job.Jobs;
import org.jzrepl.snapshot.Snapper;
import org.jzrepl.snapshot.TickPreview;
import org.jzrepl.snapshot.hook.Hook;
import org.jzrepl.snapshot.hook.Hooks;
import org.jzrepl.zfs.ZfsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jzrepl test snapshot --job J}: what a snapshot tick would do now, taking nothing. */
@Command(
        name = "snapshot",
        header = "Show what a job's snapshot tick would take now, without taking anything.",
        description = {
            "Lists this host's filesystems (zfs list), applies the filesystems filter of a push, "
                    + "source or snap job and prints the snapshot name a tick would give them now, "
                    + "grouped by pool (one zfs snapshot command per pool), and which hooks would "
                    + "run for each filesystem in order. Takes no snapshot and runs no hook.",
        })
final class TestSnapshotCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--job", paramLabel = "JOB", required = true, description = "The job whose tick to show.")
    private String job;

    @Override
    public Integer call() throws ConfigException, ZfsException {
        Path file = ConfigFileException.requireReadable(JzreplCommand.of(spec).config());
        JzreplConfig config = ConfigLoader.load(file);
        JobConfig jc = config.job(job).orElseThrow(() -> new InvalidInputException("no job named '" + job + "' in "
                + file + " (jobs: " + config.jobs().stream().map(JobConfig::name).collect(Collectors.joining(", "))
                + ")"));
        Jobs.SnapshotSection section = Jobs.snapshotSection(jc).orElseThrow(() -> new InvalidInputException(
                "job '" + job + "' is a " + jc.type() + " job: it takes no snapshots (the sending side's job does)"));
        PrintWriter out = spec.commandLine().getOut();
        List<Hook> hooks = Hooks.fromConfig(section.snapshotting().hooks());
        try {
            Clock clock = Clock.systemDefaultZone();
            var snapper = Snapper.of(section.snapshotting(), section.filesystems(), hooks, ZfsBinary.cli(), clock);
            if (snapper.isEmpty()) {
                out.println("job " + job + ": snapshotting is manual; a tick takes nothing (something else must"
                        + " take the snapshots)");
            } else {
                print(out, snapper.get().preview(clock.instant()));
            }
        } finally {
            Hooks.closeAll(hooks);
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private void print(PrintWriter out, TickPreview p) {
        int filesystems = p.pools().stream().mapToInt(pool -> pool.filesystems().size()).sum();
        out.println("job " + job + ": a tick now (" + p.at() + ") would take " + p.snapshotName() + " on "
                + filesystems + " filesystem" + (filesystems == 1 ? "" : "s") + ":");
        for (TickPreview.PoolPreview pool : p.pools()) {
            out.println("  pool " + pool.pool() + ": " + pool.commands() + " zfs snapshot command"
                    + (pool.commands() == 1 ? "" : "s"));
            for (TickPreview.FilesystemPreview fs : pool.filesystems()) {
                out.println("    " + fs.filesystem() + "@" + p.snapshotName() + (fs.hooks().isEmpty() ? ""
                        : "  hooks: " + String.join(", ", fs.hooks())));
            }
        }
        out.println("Nothing was taken and no hook ran.");
    }
}
