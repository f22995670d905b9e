package org.jzrepl.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The picocli command line of {@code jzrepl}: every subcommand, exit codes, error handling. */
public final class JzreplCli {

    static final String HELP_DESCRIPTION = "Show this help and exit.";

    private JzreplCli() {
    }

    /** Parses and runs {@code args}, printing to {@code out} and {@code err}; returns the exit status. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = newCommandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd.execute(args);
    }

    /**
     * The fully configured command line: subcommands, exit codes, error handling. Tests and the
     * man page generator use this same object, so what they see is what users get.
     */
    public static CommandLine newCommandLine() {
        CliErrorHandler errors = new CliErrorHandler();
        CommandLine cmd = new CommandLine(new JzreplCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setExitCodeExceptionMapper(errors);
        completeSubcommands(cmd);
        return cmd;
    }

    /** Gives every command the exit code list, and every subcommand a -h/--help option. */
    private static void completeSubcommands(CommandLine cmd) {
        CommandSpec spec = cmd.getCommandSpec();
        spec.usageMessage().exitCodeListHeading("%nExit Codes:%n").exitCodeList(ExitCode.usageList());
        boolean isHelpCommand = spec.userObject() instanceof HelpCommand;
        if (spec.parent() != null && !isHelpCommand) {
            spec.addOption(OptionSpec.builder("-h", "--help")
                    .usageHelp(true)
                    .description(HELP_DESCRIPTION)
                    .build());
        }
        for (CommandLine sub : cmd.getSubcommands().values()) {
            completeSubcommands(sub);
        }
    }
}
