package org.jzrepl.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Build-time generator of the bash completion script (the Debian package installs it as
 * /usr/share/bash-completion/completions/jzrepl): picocli's {@link AutoComplete} script for every
 * subcommand and option of {@link JzreplCli#newCommandLine()}, with job names completed from the
 * config for {@code signal wakeup|reset JOB} and every {@code --job} option. Run as
 * {@code java -cp jzrepl.jar org.jzrepl.cli.BashCompletion > jzrepl.bash}.
 *
 * <p>The job names come from {@code jzrepl configcheck} on the file the command line names with
 * {@code -c/--config} (else /etc/jzrepl/jzrepl.yml), so includes and validation are the daemon's;
 * an unreadable or invalid config completes nothing.
 */
public final class BashCompletion {

    static final String COMMAND = "jzrepl";

    /** Prints the job names of the config the command line being completed names. */
    static final String JOB_NAMES_FUNCTION = """
            # jzrepl: job names of the config this command line names (-c/--config FILE, else
            # /etc/jzrepl/jzrepl.yml), read by `jzrepl configcheck`; nothing if it is not valid.
            function _jzrepl_job_names() {
              local config=/etc/jzrepl/jzrepl.yml i
              for (( i = 1; i < COMP_CWORD; i++ )); do
                case ${COMP_WORDS[i]} in
                  -c|--config)
                    config=${COMP_WORDS[i+1]}
                    # bash splits --config=FILE into three words
                    [ "$config" = "=" ] && config=${COMP_WORDS[i+2]} ;;
                esac
              done
              [[ $config == "~/"* ]] && config=$HOME/${config#\\~/}
              [ -r "$config" ] || return 0
              "${COMP_WORDS[0]}" -c "$config" configcheck --format yaml 2>/dev/null |
                sed -n '/^jobs:/,$ s/^  - name: "\\(.*\\)"$/\\1/p'
            }

            """;

    /** picocli's branch for an option value it cannot complete. */
    static final String JOB_OPTION = """
                '--job')
                  return
                  ;;
            """;
    static final String JOB_OPTION_COMPLETED = """
                '--job')
                  local IFS=$'\\n'
                  COMPREPLY=( $(compgen -W "$(_jzrepl_job_names)" -- "${curr_word}") )
                  return 0
                  ;;
            """;

    /** In signal's function: the first positional (wakeup|reset) is completed, the JOB after it not. */
    static final String SIGNAL_POSITIONALS = """
                  positionals=$( compReplyArray "${SIGNAL_pos_param_args[@]}" )
                fi
            """;
    static final String SIGNAL_POSITIONALS_COMPLETED = """
                  positionals=$( compReplyArray "${SIGNAL_pos_param_args[@]}" )
                elif (( currIndex == 1 )); then
                  positionals=$( _jzrepl_job_names )
                fi
            """;

    private BashCompletion() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(script());
        out.flush();
    }

    /** The completion script. */
    public static String script() {
        CommandLine cli = JzreplCli.newCommandLine();
        String generated = AutoComplete.bash(COMMAND, cli);
        if (generated.startsWith("#!")) {
            // a completion file is sourced, never run (Debian: bash-completion-with-hashbang)
            generated = generated.substring(generated.indexOf('\n') + 1);
        }
        String withJobs = replaceAll(generated, JOB_OPTION, JOB_OPTION_COMPLETED,
                commandsWithJobOption(cli, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>())));
        String withSignal = replaceAll(withJobs, SIGNAL_POSITIONALS, SIGNAL_POSITIONALS_COMPLETED, 1);
        int firstFunction = withSignal.indexOf("\nfunction ");
        if (firstFunction < 0) {
            throw new IllegalStateException("picocli's completion script has no function");
        }
        return withSignal.substring(0, firstFunction + 1) + JOB_NAMES_FUNCTION + withSignal.substring(firstFunction + 1);
    }

    /** How many (sub)commands take {@code --job}: each has one case in picocli's script. */
    private static int commandsWithJobOption(CommandLine cl, java.util.Set<CommandLine> seen) {
        if (!seen.add(cl)) {
            return 0;   // an alias: the same command once
        }
        int n = cl.getCommandSpec().findOption("--job") != null ? 1 : 0;
        for (CommandLine sub : cl.getSubcommands().values()) {
            n += commandsWithJobOption(sub, seen);
        }
        return n;
    }

    /**
     * Replaces every {@code from} with {@code to}, and fails when the count is not {@code expected}:
     * a picocli version that writes its script differently must break the build, not the completion.
     */
    static String replaceAll(String text, String from, String to, int expected) {
        int count = 0;
        for (int i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + from.length())) {
            count++;
        }
        if (count != expected) {
            throw new IllegalStateException("expected " + expected + " of\n" + from + "in picocli's completion script, found "
                    + count);
        }
        return text.replace(from, to);
    }
}
