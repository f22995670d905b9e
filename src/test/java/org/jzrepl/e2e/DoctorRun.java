package org.jzrepl.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.jzrepl.cli.JzreplCli;
import picocli.CommandLine;

/** One {@code jzrepl --config FILE doctor ARGS...} in this JVM: its exit status and output. */
record DoctorRun(int exit, String out, String err) {

    static DoctorRun of(Path config, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--config";
        all[1] = config.toString();
        all[2] = "doctor";
        System.arraycopy(args, 0, all, 3, args.length);
        CommandLine cmd = JzreplCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(all);
        return new DoctorRun(exit, out.toString(), err.toString());
    }

    /** The first output line starting with {@code prefix} (leading blanks ignored); fails without one. */
    String line(String prefix) {
        return out.lines().map(String::strip).filter(l -> l.startsWith(prefix.strip())).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + out));
    }

    void assertLine(String prefix) {
        assertTrue(line(prefix) != null);
    }
}
