package org.jzrepl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the allowed dependency directions between packages (architecture note): every reference
 * to {@code org.jzrepl.X} in the main sources, by import or fully qualified name, must point to
 * a layer its own layer may use. Sub-packages belong to their top package (rpc.frame is rpc).
 * Comments and string literals do not count.
 */
class ArchitectureTest {

    private static final Set<String> BELOW_JOB =
            Set.of("endpoint", "rpc", "transport", "zfs", "config", "runtime", "util");

    /**
     * Layer -> the other layers it may use. {@code util} (LogText: escaping peer and zfs text for
     * logs) sits below everything and uses nothing, so that transport, rpc and zfs can all reach it.
     * {@code runtime} (the task runner) uses only util, so the wire layers (rpc liveness, transport
     * listeners) can run their timers and accept loops on the daemon's one runner.
     */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("cli", Set.of("doctor", "daemon", "job", "replication", "snapshot", "pruning",
                    "endpoint", "rpc", "transport", "zfs", "config", "runtime", "util")),
            Map.entry("doctor", Set.of("daemon", "job", "replication", "snapshot", "pruning",
                    "endpoint", "rpc", "transport", "zfs", "config", "runtime", "util")),
            Map.entry("daemon", Set.of("job", "replication", "snapshot", "pruning",
                    "endpoint", "rpc", "transport", "zfs", "config", "runtime", "util")),
            Map.entry("job", Set.of("replication", "snapshot", "pruning",
                    "endpoint", "rpc", "transport", "zfs", "config", "runtime", "util")),
            Map.entry("replication", BELOW_JOB),
            Map.entry("snapshot", BELOW_JOB),
            Map.entry("pruning", BELOW_JOB),
            Map.entry("endpoint", Set.of("rpc", "transport", "zfs", "config", "runtime", "util")),
            Map.entry("rpc", Set.of("transport", "runtime", "util")),
            Map.entry("transport", Set.of("config", "runtime", "util")),
            Map.entry("config", Set.of("zfs", "util")),
            Map.entry("zfs", Set.of("util")),
            Map.entry("runtime", Set.of("util")),
            Map.entry("util", Set.of()));

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\s*\\.\\s*jzrepl\\s*\\.\\s*([a-z_][\\w]*)");

    /** One forbidden reference. */
    record Violation(String file, int line, String from, String to) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + from + " must not depend on " + to;
        }
    }

    @Test
    void mainSourcesRespectTheDependencyDirections() throws IOException {
        List<Violation> violations = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src", "main", "java"))) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(files.size() > 10, "found the sources: " + files.size());
        for (Path f : files) {
            violations.addAll(check(f.toString(), Files.readString(f)));
        }
        if (!violations.isEmpty()) {
            fail("dependency directions violated (see the architecture note):\n"
                    + String.join("\n", violations.stream().map(Violation::toString).toList()));
        }
    }

    @Test
    void catchesZfsImportingJob() {
        String src = "package org.jzrepl.zfs.cmd;\n\nimport java.util.List;\nimport org.jzrepl.job.ActiveJob;\n";
        assertEquals(List.of(new Violation("Fake.java", 4, "zfs", "job")), check("Fake.java", src));
    }

    @Test
    void catchesFullyQualifiedUseAndStaticImports() {
        String src = "package org.jzrepl.rpc.frame;\nimport static org.jzrepl.endpoint.Limits.MAX;\n"
                + "class F {\n  org.jzrepl.daemon.Daemon d;\n  Object e = org.jzrepl.transport.Wire.class;\n}\n";
        assertEquals(List.of(new Violation("F.java", 2, "rpc", "endpoint"), new Violation("F.java", 4, "rpc", "daemon")),
                check("F.java", src));
    }

    @Test
    void siblingsBelowJobMayNotUseEachOther() {
        String src = "package org.jzrepl.pruning;\nimport org.jzrepl.replication.Report;\nimport org.jzrepl.zfs.Guid;\n";
        assertEquals(List.of(new Violation("P.java", 2, "pruning", "replication")), check("P.java", src));
    }

    @Test
    void ignoresCommentsAndStringsButNotCodeAfterThem() {
        String src = "package org.jzrepl.zfs;\n/** Used by {@link org.jzrepl.job.ActiveJob}. */\n"
                + "class Z { // org.jzrepl.daemon\n  String s = \"org.jzrepl.cli.Main\"; char c = '\"';\n"
                + "  String t = \"\"\"\n    org.jzrepl.job.X\n    \"\"\"; /* org.jzrepl.job */ org.jzrepl.job.Y y;\n}\n";
        assertEquals(List.of(new Violation("Z.java", 7, "zfs", "job")), check("Z.java", src));
    }

    @Test
    void allowsDownwardAndSamePackageReferences() {
        String src = "package org.jzrepl.daemon.control;\nimport org.jzrepl.daemon.status.Report;\n"
                + "import org.jzrepl.job.ActiveJob;\nimport org.jzrepl.rpc.frame.Frame;\nimport org.jzrepl.config.JzreplConfig;\n";
        assertEquals(List.of(), check("C.java", src));
    }

    @Test
    void utilUsesNothingAndEveryLayerMayUseIt() {
        assertEquals(List.of(new Violation("L.java", 2, "util", "zfs")),
                check("L.java", "package org.jzrepl.util;\nimport org.jzrepl.zfs.Guid;\n"));
        for (String layer : ALLOWED.keySet()) {
            if (!layer.equals("util")) {
                assertTrue(ALLOWED.get(layer).contains("util"), layer + " may use util");
            }
        }
    }

    @Test
    void unknownLayerIsAViolation() {
        String src = "package org.jzrepl.misc;\nimport org.jzrepl.zfs.Guid;\n";
        assertEquals(List.of(new Violation("U.java", 1, "misc", "(a layer missing from the table)")),
                check("U.java", src));
    }

    /** The forbidden references in one source file. */
    static List<Violation> check(String file, String source) {
        String code = stripCommentsAndStrings(source);
        Matcher pkg = PACKAGE.matcher(code);
        if (!pkg.find() || !pkg.group(1).startsWith("org.jzrepl.")) {
            return List.of(new Violation(file, 1, "(no org.jzrepl.* package)", "anything"));
        }
        String from = pkg.group(1).split("\\.")[2];
        Set<String> allowed = ALLOWED.get(from);
        if (allowed == null) {
            return List.of(new Violation(file, lineOf(code, pkg.start(1)), from, "(a layer missing from the table)"));
        }
        List<Violation> found = new ArrayList<>();
        Matcher ref = REFERENCE.matcher(code);
        while (ref.find()) {
            String to = ref.group(1);
            if (ref.start() == pkg.start(1) || to.equals(from) || allowed.contains(to)) {
                continue;
            }
            found.add(new Violation(file, lineOf(code, ref.start()), from, to));
        }
        return found;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Blanks comments, string, text-block and char literals, keeping newlines for line numbers. */
    static String stripCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int end;
            if (s.startsWith("//", i)) {
                end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end + 3;
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                end = endOfQuoted(s, i);
            } else {
                out.append(s.charAt(i++));
                continue;
            }
            for (int k = i; k < end; k++) {
                out.append(s.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return out.toString();
    }

    private static int endOfQuoted(String s, int start) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote && s.charAt(i) != '\n') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, s.length());
    }
}
