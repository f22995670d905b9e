package org.jzrepl.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Thrown by a subcommand whose subsystem this version does not have yet. Maps to
 * {@link ExitCode#NOT_BUILT}; the message names the subcommand.
 */
public final class NotBuiltException extends RuntimeException {

    public NotBuiltException(CommandSpec command) {
        this(subcommandPath(command));
    }

    /** {@code subcommand} as typed after {@code jzrepl}, e.g. "zfs-abstraction list". */
    public NotBuiltException(String subcommand) {
        super(subcommand + ": not built yet in this version of jzrepl");
    }

    /** "zfs-abstraction list" for {@code jzrepl zfs-abstraction list}. */
    static String subcommandPath(CommandSpec command) {
        String qualified = command.qualifiedName(" ");
        String root = command.root().name();
        return qualified.startsWith(root + " ") ? qualified.substring(root.length() + 1) : qualified;
    }
}
