package org.jzrepl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.JobConfig;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.daemon.AbstractionTool;
import org.jzrepl.daemon.ZfsBinary;
import org.jzrepl.doctor.Doctor;
import org.jzrepl.doctor.Finding;
import org.jzrepl.doctor.HostChecks;
import org.jzrepl.doctor.JobFindings;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.runtime.ThreadTaskRunner;
import org.jzrepl.transport.PrivateDir;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.DatasetPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jzrepl doctor [--job J] [FS]}: is every filesystem replicating, and if not, why. */
@Command(
        name = "doctor",
        header = "Say per filesystem whether it replicates, and if not why and what fixes it.",
        description = {
            "Checks this host (the daemon on its control socket, the private socket directories, "
                    + "stale holds and cursors), then each job (or --job only): a pull job's root_fs, "
                    + "the job's peer dialled with the job's own transport (unreachable, unknown host "
                    + "key with the known_hosts line to add, refused login, a forced command that is "
                    + "not jzrepl stdinserver), and for push and pull jobs every filesystem as the "
                    + "next run would plan it (up to date, steps behind, excluded by the filter, no "
                    + "common snapshot, diverged, a resume token that is stuck or for a vanished "
                    + "snapshot). Each line is ok or FAIL, one sentence, and the command that fixes it.",
            "",
            "Works without the daemon: it reads the config, runs zfs on this host and lists the "
                    + "peer's filesystems over one connection; it sends, holds and destroys nothing.",
            "",
            "Exit status 0 only when every check is ok, 1 otherwise.",
        })
public final class DoctorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--job", paramLabel = "JOB", description = "Only this job (and this host's checks).")
    private String job;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FS",
            description = "Only this filesystem (the sender's name, as it appears in the job's plan).")
    private String filesystem;

    @Override
    public Integer call() throws Exception {
        Path file = ConfigFileException.requireReadable(JzreplCommand.of(spec).config());
        JzreplConfig config = ConfigLoader.load(file);
        Optional<DatasetPath> fs = Optional.ofNullable(filesystem).map(DoctorCommand::parse);
        List<JobConfig> jobs = new ArrayList<>();
        for (JobConfig j : config.jobs()) {
            if (job == null || j.name().equals(job)) {
                jobs.add(j);
            }
        }
        if (job != null && jobs.isEmpty()) {
            throw new InvalidInputException("no job named '" + job + "' in " + file);
        }
        List<JobFindings> results = new ArrayList<>();
        results.add(new HostChecks(config, AbstractionTool.onHost(config), PrivateDir.ownUid()).examine());
        try (ThreadTaskRunner runner = new ThreadTaskRunner(Clock.systemUTC())) {
            Doctor doctor = new Doctor(ZfsBinary.cli(), new LocalSwitchboard(),
                    Path.of(System.getProperty("user.home")), RpcSettings.defaults(runner));
            for (JobConfig j : jobs) {
                results.add(doctor.examine(j, fs));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(results));
        out.flush();
        return results.stream().allMatch(JobFindings::ok) ? ExitCode.OK.code() : ExitCode.FAILURE.code();
    }

    /** The report: a heading per job, one line per finding, a summary line. */
    static String render(List<JobFindings> results) {
        StringBuilder sb = new StringBuilder();
        int problems = 0;
        for (JobFindings r : results) {
            sb.append(r.job() == null ? r.description() : "job " + r.job() + " (" + r.description() + ")").append(":\n");
            if (r.findings().isEmpty()) {
                sb.append("  ok    nothing to check\n");
            }
            for (Finding f : r.findings()) {
                sb.append("  ").append(f.line()).append('\n');
                problems += f.ok() ? 0 : 1;
            }
        }
        sb.append(problems == 0 ? "everything is fine\n"
                : problems + (problems == 1 ? " problem" : " problems") + " found\n");
        return sb.toString();
    }

    private static DatasetPath parse(String name) {
        try {
            return DatasetPath.parse(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("'" + name + "' is not a dataset name: " + e.getMessage());
        }
    }
}
