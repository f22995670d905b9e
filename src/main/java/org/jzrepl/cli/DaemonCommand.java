package org.jzrepl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jzrepl daemon}: runs the jobs of the config until stopped. Not built yet. */
@Command(
        name = "daemon",
        header = "Run the jzrepl daemon in the foreground.",
        description = {
            "Loads the config, starts every job (snapshotting, replication, pruning), serves the "
                    + "control socket and the stdinserver sockets, and runs until SIGTERM or "
                    + "SIGINT. Meant to run under systemd; logs go where global.logging says.",
        })
public final class DaemonCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new NotBuiltException(spec);
    }
}
