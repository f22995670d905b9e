package org.jzrepl.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * Entry point of the {@code jzrepl} executable (the jar's Main-Class). Refers to no picocli type:
 * picocli's classes predate Java 6, so the class-data archive cannot hold them, and loading them
 * costs the SSH forced command several milliseconds on every connection.
 */
public final class Main {

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
        return JzreplCli.execute(args, out, err);
    }

    /** {@code stdinserver IDENT} and nothing else: no options, no help request. */
    static boolean isForcedCommand(String[] args) {
        return args.length == 2 && StdinserverCommand.NAME.equals(args[0])
                && !args[1].isEmpty() && !args[1].startsWith("-");
    }
}
