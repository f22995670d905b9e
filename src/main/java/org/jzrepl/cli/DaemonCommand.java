package org.jzrepl.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.daemon.DaemonLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jzrepl daemon}: runs the jobs of the config until stopped. */
@Command(
        name = "daemon",
        header = "Run the jzrepl daemon in the foreground.",
        description = {
            "Loads the config, starts every job (push, pull and snap jobs run on their schedule or on "
                    + "'jzrepl signal wakeup', sink and source serve their clients), serves the "
                    + "control socket (global.control.sockpath) and the stdinserver sockets "
                    + "(global.serve.stdinserver.sockdir), and runs until SIGTERM or SIGINT, "
                    + "which stop it in order. Meant to run under systemd (Type=notify: it sends "
                    + "READY=1 to NOTIFY_SOCKET once the control socket and the jobs are up, and "
                    + "STOPPING=1 when it stops); logs go "
                    + "to stderr at the level of global.logging's stdout outlet.",
            "",
            "Push, snap and source jobs take snapshots on their snapshotting schedule (with "
                    + "hooks); a push job replicates after each tick; push and pull jobs then prune "
                    + "both sides by keep_sender and keep_receiver, snap jobs their filesystems by "
                    + "pruning.keep, never destroying what replication needs. zfs is run from "
                    + "$JZREPL_ZFS_BIN, else from PATH.",
        })
public final class DaemonCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path file = ConfigFileException.requireReadable(JzreplCommand.of(spec).config());
        DaemonLauncher.run(ConfigLoader.load(file), VersionInfo.jzreplVersion());
        return ExitCode.OK.code();
    }
}
