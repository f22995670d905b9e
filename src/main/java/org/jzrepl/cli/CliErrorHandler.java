package org.jzrepl.cli;

import java.io.PrintWriter;
import org.jzrepl.config.ConfigError;
import org.jzrepl.config.ConfigException;
import org.jzrepl.daemon.control.ControlClient;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where failures become exit codes and messages. A user sees one line
 * {@code jzrepl: <message>} on stderr (a config error: one line per problem); {@code --debug}
 * adds the stack trace. Usage errors print picocli's message and a hint to {@code --help}.
 */
final class CliErrorHandler
        implements IExecutionExceptionHandler, IExitCodeExceptionMapper, IParameterExceptionHandler {

    static final String PREFIX = "jzrepl: ";

    /** The exit status for an exception escaping a subcommand. */
    static ExitCode exitCodeFor(Throwable t) {
        if (t instanceof ParameterException
                || t instanceof ConfigException
                || t instanceof ConfigFileException
                || t instanceof InvalidInputException) {
            return ExitCode.USAGE_OR_CONFIG;
        }
        if (t instanceof NotBuiltException || t instanceof UnsupportedOperationException) {
            return ExitCode.NOT_BUILT;
        }
        if (t instanceof ControlClient.DaemonUnreachableException) {
            return ExitCode.DAEMON_UNREACHABLE;
        }
        return ExitCode.FAILURE;
    }

    @Override
    public int getExitCode(Throwable exception) {
        return exitCodeFor(exception).code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parsed) {
        return report(ex, commandLine.getErr(), debugRequested(commandLine));
    }

    /**
     * Prints the failure (one line; one per problem for a config error; the stack trace if
     * {@code debug}) and returns the exit status. Also used where picocli is bypassed.
     */
    static int report(Exception ex, PrintWriter err, boolean debug) {
        if (ex instanceof ConfigException ce && !ce.errors().isEmpty()) {
            for (ConfigError e : ce.errors()) {
                err.println(e);
            }
            err.println(PREFIX + "config invalid: " + ce.errors().size()
                    + (ce.errors().size() == 1 ? " error" : " errors"));
        } else {
            err.println(PREFIX + oneLine(ex));
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCodeFor(ex).code();
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String msg = String.valueOf(ex.getMessage());
        err.println(PREFIX + (msg.startsWith("Error: ") ? msg.substring("Error: ".length()) : msg));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        if (debugRequested(cmd)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return getExitCode(ex);
    }

    /** The message, or the exception's type when it has none, with a differing cause appended. */
    static String oneLine(Throwable t) {
        String msg = t.getMessage() == null || t.getMessage().isBlank()
                ? t.getClass().getSimpleName() : t.getMessage();
        Throwable cause = t.getCause();
        if (cause != null && cause.getMessage() != null && !msg.contains(cause.getMessage())) {
            msg = msg + ": " + cause.getMessage();
        }
        return msg.replace('\n', ' ').strip();
    }

    private static boolean debugRequested(CommandLine cmd) {
        Object root = cmd.getCommandSpec().root().userObject();
        return root instanceof JzreplCommand j && j.debug();
    }
}
