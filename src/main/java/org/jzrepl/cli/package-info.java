/**
 * The {@code jzrepl} command line (picocli): parses arguments, hands off to the layer that does the
 * work, and turns every failure into an exit code and a one-line message.
 *
 * <p><b>Role.</b> No logic lives here: each subcommand class ({@code DaemonCommand},
 * {@code StdinserverCommand}, ...) parses, calls one entry point of a lower package, prints its
 * result. {@link org.jzrepl.cli.ExitCode} lists every exit status; {@code CliErrorHandler} is the one
 * place that maps exceptions to them. {@link org.jzrepl.cli.Main#newCommandLine()} builds the command
 * line that users, tests and the man page generator all share, so man/ is generated from it.
 *
 * <p>Two build/install-time helpers with their own {@code main} live here too, because they need
 * the jar's classes and nothing else: {@code NativeLibraryExtractor} (run by scripts/build-cds.sh:
 * a Java runtime has no {@code jar} tool) and {@code BashCompletion} (the Debian package's bash
 * completion, generated from the same command line).
 *
 * <p><b>Threading.</b> Runs on the main thread; a subcommand that starts the daemon blocks in it
 * until shutdown.
 *
 * <p><b>Ownership.</b> A subcommand owns what it opens and closes it before returning. Output goes to
 * {@code CommandLine.getOut()/getErr()} (tests capture them); {@code stdinserver}'s stdout is the
 * protocol stream and must carry nothing else.
 *
 * <p><b>Dependencies.</b> May use every other package; none may use it.
 */
package org.jzrepl.cli;
