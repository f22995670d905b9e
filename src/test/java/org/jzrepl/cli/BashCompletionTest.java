package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated bash completion, driven by a real bash: the script is sourced, COMP_WORDS set as
 * readline would, and COMPREPLY read back. `jzrepl` is this build's Main (the real configcheck).
 */
class BashCompletionTest {

    static final Path CONFIG = Path.of("src/test/resources/config/valid/push_sink_local.yml").toAbsolutePath();

    @TempDir
    Path tmp;
    Path jzrepl;
    Path script;

    @BeforeEach
    void scriptAndCommand() throws IOException {
        script = Files.writeString(tmp.resolve("jzrepl.bash"), BashCompletion.script());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        jzrepl = Files.writeString(tmp.resolve("jzrepl"), "#!/bin/sh\nexec " + java + " -Xshare:auto -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' " + Main.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(jzrepl, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void completesSubcommandsAndTheirOptions() throws Exception {
        List<String> commands = complete("");
        for (String c : List.of("daemon", "stdinserver", "status", "signal", "configcheck", "test", "zfs-abstraction",
                "version", "help")) {
            assertTrue(commands.contains(c), c + " in " + commands);
        }
        assertEquals(List.of("wakeup", "reset"), complete("signal", ""));
        assertEquals(List.of("--job"), complete("status", "--j"));
        assertEquals(List.of("filesystems", "snapshot"), complete("test", ""));
    }

    @Test
    void completesJobNamesFromTheConfigTheCommandLineNames() throws Exception {
        String c = CONFIG.toString();
        List<String> jobs = List.of("local_sink", "backup_system");
        assertEquals(jobs, complete("-c", c, "signal", "wakeup", ""));
        assertEquals(List.of("backup_system"), complete("--config", c, "signal", "reset", "b"));
        assertEquals(jobs, complete("-c", c, "status", "--job", ""));
        assertEquals(List.of("local_sink"), complete("-c", c, "test", "filesystems", "--job", "l"));
        assertEquals(jobs, complete("-c", c, "test", "snapshot", "--job", ""));
        assertEquals(jobs, complete("status", "-c", c, "--job", ""), "-c after the subcommand counts too");
    }

    @Test
    void anInvalidOrMissingConfigCompletesNoJobs() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.yml"), "jobs:\n  - name: x\n    type: nonsense\n");
        assertEquals(List.of(), complete("-c", bad.toString(), "signal", "wakeup", ""));
        assertEquals(List.of(), complete("-c", tmp.resolve("none.yml").toString(), "status", "--job", ""));
    }

    @Test
    void aPicocliScriptOfAnotherShapeBreaksTheBuild() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BashCompletion.replaceAll("no such branch", BashCompletion.JOB_OPTION, "x", 5));
        assertTrue(e.getMessage().contains("found 0"), e.getMessage());
    }

    /** COMPREPLY for the command line {@code jzrepl WORDS...}, the cursor at the end of the last word. */
    private List<String> complete(String... words) throws Exception {
        List<String> all = new ArrayList<>();
        all.add(jzrepl.toString());
        all.addAll(Arrays.asList(words));
        // compopt works only while readline runs a completion; here it has nothing to do
        StringBuilder sh = new StringBuilder("source '").append(script).append("'\ncompopt() { :; }\n");
        sh.append("COMP_WORDS=(");
        for (String w : all) {
            sh.append('\'').append(w).append("' ");
        }
        sh.append(")\nCOMP_CWORD=").append(all.size() - 1).append('\n');
        sh.append("COMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n");
        sh.append("_complete_jzrepl\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n");
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", sh.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bash did not finish");
        }
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }
}
