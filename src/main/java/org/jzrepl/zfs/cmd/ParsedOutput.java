package org.jzrepl.zfs.cmd;

import java.util.List;
import java.util.function.Function;
import org.jzrepl.zfs.ZfsException;

/** Turns the output of one zfs command into a value through a parser, at this boundary. Pure. */
final class ParsedOutput {

    private ParsedOutput() {
    }

    /** Parses command output; output zfs should never print becomes a ZfsException, not a crash. */
    static <T> T parsed(List<String> argv, String output, Function<String, T> parser) throws ZfsException {
        try {
            return parser.apply(output);
        } catch (IllegalArgumentException e) {
            throw new ZfsException(argv, 0, "unexpected output: " + e.getMessage(), e);
        }
    }
}
