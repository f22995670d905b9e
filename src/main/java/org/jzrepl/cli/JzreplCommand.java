package org.jzrepl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.jzrepl.config.ConfigException;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.daemon.control.ControlClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code jzrepl} command: global options and the list of subcommands. */
@Command(
        name = "jzrepl",
        versionProvider = VersionInfo.class,
        sortOptions = false,
        usageHelpAutoWidth = false,
        header = "ZFS replication daemon: snapshots, replication over SSH, pruning.",
        description = {
            "jzrepl takes ZFS snapshots, replicates them to other hosts (pull or push, over SSH "
                    + "with a forced command, TCP, TLS or locally) and prunes old snapshots on "
                    + "both sides, driven by one YAML config file in zrepl's format.",
            "",
            "One daemon runs per host (@|bold jzrepl daemon|@); the other subcommands check the "
                    + "config, talk to the running daemon, or serve as the SSH forced command.",
        },
        subcommands = {
            DaemonCommand.class,
            StdinserverCommand.class,
            StatusCommand.class,
            SignalCommand.class,
            PruneCommand.class,
            ConfigcheckCommand.class,
            TestCommand.class,
            ZfsAbstractionCommand.class,
            DoctorCommand.class,
            TraceCommand.class,
            VersionCommand.class,
            HelpCommand.class,
        },
        footerHeading = "%nFiles:%n",
        footer = {
            "/etc/jzrepl/jzrepl.yml is the default config file; --config names another.",
            "",
            "Every subcommand has its own --help and its own man page, e.g. jzrepl-daemon(1).",
        })
public final class JzreplCommand implements Callable<Integer> {

    /** Where the config is read from when no {@code --config} is given. */
    public static final String DEFAULT_CONFIG = "/etc/jzrepl/jzrepl.yml";

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            defaultValue = DEFAULT_CONFIG,
            description = "The config file (default: ${DEFAULT-VALUE}).")
    private Path config;

    private boolean debug;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = JzreplCli.HELP_DESCRIPTION)
    private boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true,
            description = "Print the version, the Java runtime and the OS, and exit.")
    private boolean version;

    @Option(
            names = "--debug",
            scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace after the one-line message; "
                    + "log at debug level.")
    void setDebug(boolean debug) {
        this.debug = debug;
        if (debug) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
    }

    /** The config file named on the command line, or the default. */
    public Path config() {
        return config;
    }

    public boolean debug() {
        return debug;
    }

    /** A client of the daemon's control socket, at the path the config file names. */
    ControlClient control(Duration timeout, ObjectMapper json) throws ConfigException {
        Path file = ConfigFileException.requireReadable(config);
        return new ControlClient(ConfigLoader.load(file).global().controlSockpath(), timeout, json);
    }

    /** The root command of the command line {@code sub} belongs to. */
    static JzreplCommand of(CommandSpec sub) {
        return (JzreplCommand) sub.root().userObject();
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
