package org.jzrepl.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Entry point of the {@code jzrepl} executable (the jar's Main-Class). */
public final class Main {

    static final String HELP_DESCRIPTION = "Show this help and exit.";

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
        System.exit(run(args, out, err));
    }

    /**
     * Runs one command line and returns its exit status. The exact authorized_keys form
     * {@code stdinserver IDENT} skips picocli: building its model costs a few hundred
     * milliseconds, paid on every SSH connection (scripts/bench.sh cli-start).
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (isForcedCommand(args)) {
            try {
                return StdinserverCommand.serve(Path.of(JzreplCommand.DEFAULT_CONFIG), args[1]);
            } catch (RuntimeException e) {
                return CliErrorHandler.report(e, err, false);
            }
        }
        CommandLine cmd = newCommandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd.execute(args);
    }

    /** {@code stdinserver IDENT} and nothing else: no options, no help request. */
    static boolean isForcedCommand(String[] args) {
        return args.length == 2 && StdinserverCommand.NAME.equals(args[0])
                && !args[1].isEmpty() && !args[1].startsWith("-");
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
