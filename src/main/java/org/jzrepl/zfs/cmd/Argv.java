package org.jzrepl.zfs.cmd;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a zfs argv as {@code VERB [OPTIONS] -- OPERANDS}. OpenZFS parses every subcommand jzrepl
 * uses with glibc getopt, which permutes: an argument starting with {@code -} is an option wherever
 * it stands, unless it follows {@code --}. So every operand (a dataset, snapshot or bookmark name,
 * a hold tag) goes after {@code --} and no name can be read as an option. The one exception is
 * {@code zfs set}, which OpenZFS 2.1 parses without getopt (it refuses {@code --}): see
 * {@link PropertyCommands#set}. Pure.
 */
final class Argv {

    /** Ends the options: what follows is an operand even if it starts with '-'. */
    static final String END_OF_OPTIONS = "--";

    private Argv() {
    }

    /** {@code verb options... -- operands...}; an empty operand list adds no {@code --}. */
    static List<String> of(String verb, List<String> options, List<String> operands) {
        List<String> argv = new ArrayList<>(2 + options.size() + operands.size());
        argv.add(verb);
        argv.addAll(options);
        if (!operands.isEmpty()) {
            argv.add(END_OF_OPTIONS);
            argv.addAll(operands);
        }
        return List.copyOf(argv);
    }

    /** {@code verb options... -- operand}. */
    static List<String> of(String verb, List<String> options, String operand) {
        return of(verb, options, List.of(operand));
    }
}
