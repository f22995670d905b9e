package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void onlyTheExactAuthorizedKeysFormTakesTheFastPath() {
        assertTrue(Main.isForcedCommand(new String[] {"stdinserver", "backup-server"}));
        assertFalse(Main.isForcedCommand(new String[] {"stdinserver", "--help"}));
        assertFalse(Main.isForcedCommand(new String[] {"stdinserver", ""}));
        assertFalse(Main.isForcedCommand(new String[] {"stdinserver"}));
        assertFalse(Main.isForcedCommand(new String[] {"--debug", "stdinserver", "backup-server"}));
        assertFalse(Main.isForcedCommand(new String[] {"stdinserver", "a", "b"}));
        assertFalse(Main.isForcedCommand(new String[] {"status", "x"}));
    }

    @Test
    void fastPathBehavesLikeThePicocliPath() {
        Result fast = run("stdinserver", "backup-server");
        CliRun full = CliRun.of("--config", JzreplCommand.DEFAULT_CONFIG, "stdinserver", "backup-server");
        assertEquals(full.exit(), fast.exit());
        assertEquals(full.err(), fast.err().replace(System.lineSeparator(), "\n"));
        assertEquals("", fast.out(), "stdout is the protocol stream");
    }

    @Test
    void otherCommandLinesGoThroughPicocliWithTheGivenStreams() {
        Result help = run("stdinserver", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("Usage: jzrepl stdinserver"), help.out());
        Result bad = run("--nope");
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), bad.exit());
        assertTrue(bad.err().startsWith("jzrepl: Unknown option: '--nope'"), bad.err());
    }
}
