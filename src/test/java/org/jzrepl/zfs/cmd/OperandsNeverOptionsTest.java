package org.jzrepl.zfs.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.SendArgs;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.SendStream;
import org.jzrepl.zfs.VersionRef;

/**
 * Every {@link ZfsCli} command, run with names zfs accepts that start with '-' wherever a name may
 * (a component, a snapshot, a bookmark, a hold tag), is parsed the way OpenZFS 2.1.11 parses it:
 * glibc getopt with its optstring from cmd/zfs/zfs_main.c, which permutes, so an argument starting
 * with '-' anywhere before {@code --} is an option. Each command's operands must come out exactly
 * as the names given, all after {@code --}.
 */
@Timeout(60)
class OperandsNeverOptionsTest {

    /** The getopt optstrings of OpenZFS 2.1.11's zfs subcommands (zfs_main.c), by verb. */
    static final Map<String, String> OPTSTRINGS = Map.ofEntries(
            Map.entry("list", "HS:d:o:prs:t:"), Map.entry("get", ":d:o:s:rt:Hp"),
            Map.entry("create", ":PV:b:nso:puv"), Map.entry("destroy", "vpndfrR"), Map.entry("snapshot", "ro:"),
            Map.entry("bookmark", ""), Map.entry("hold", "rt"), Map.entry("release", "r"), Map.entry("holds", "rH"),
            Map.entry("send", ":i:I:RsDpVvnPLeht:cwbd:S"), Map.entry("recv", ":o:x:dehMnuvFsA"),
            // zfs set: 2.1 has no getopt (it refuses a first argument starting with '-'); 2.2 has "u"
            Map.entry("set", "u"));

    static final DatasetPath FS = DatasetPath.parse("cap/-rf x");
    static final String SNAP = "-r";
    static final String BOOKMARK = "-n";
    static final String TAG = "-r";

    @TempDir
    Path dir;

    /** The operands getopt leaves, or IllegalArgumentException for an option it does not know. */
    static List<String> operands(List<String> argv) {
        String optstring = OPTSTRINGS.get(argv.get(0));
        List<String> operands = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                operands.addAll(argv.subList(i + 1, argv.size()));
                break;
            }
            if (!a.startsWith("-") || a.length() == 1) {
                operands.add(a);
                continue;
            }
            for (int j = 1; j < a.length(); j++) {
                char c = a.charAt(j);
                int at = optstring.indexOf(c);
                if (c == ':' || at < 0) {
                    throw new IllegalArgumentException("zfs " + argv.get(0) + ": invalid option '" + c + "' in " + argv);
                }
                if (at + 1 < optstring.length() && optstring.charAt(at + 1) == ':') {
                    if (j + 1 == a.length()) {
                        i++;                        // the next argument is the option's value
                    }
                    break;
                }
            }
        }
        return operands;
    }

    private ZfsCli recordingCli() throws Exception {
        Path res = Path.of(Captured.class.getResource("/zfs/" + Captured.VERSION + "/exit-codes.txt").toURI()).getParent();
        Path bin = dir.resolve("zfs");
        Files.writeString(bin, "#!/bin/bash\nR=" + res + "\n"
                + "{ for a in \"$@\"; do printf '%s\\n' \"$a\"; done; echo '=END='; } >> " + dir.resolve("calls") + "\n"
                + "case \"$1\" in\n"
                + "list) if [ \"$5\" = name,encryption ]; then exit 0; fi\n"
                + "  case \" $* \" in *' -d 1 '*) n=\"${@: -1}\"; awk -F'\\t' -v n=\"$n\" '$1==n || index($1, n \"@\")==1"
                + " || index($1, n \"#\")==1 || (index($1, n \"/\")==1 && substr($1, length(n)+2) !~ /[\\/@#]/)' $R/list-tree.out ;;\n"
                + "  *' -r -- cap '|*' -r cap '|*' -r ') cat $R/list-tree.out ;; esac ;;\n"
                + "get) case \" $* \" in *' -s local '*) cat $R/get-placeholders-local.out ;; esac ;;\n"
                + "send) case \" $* \" in *' -t '*' -n '*|*' -n '*' -t '*) cat $R/err-send-token-stale.out ;;\n"
                + "  *' -P '*) cat $R/send-nvP-full.out ;; *) printf stream ;; esac ;;\n"
                + "recv) cat > /dev/null ;;\n"
                + "esac\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        return new ZfsCli(new ZfsRunner(bin, (v, d, e) -> { }, Duration.ofSeconds(20)));
    }

    private List<List<String>> calls() throws Exception {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("calls"))) {
            if (line.equals("=END=")) {
                out.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(line);
            }
        }
        return out;
    }

    private interface Call {
        void run(ZfsCli zfs) throws Exception;
    }

    /**
     * Each call with the operands each of its commands must have; {@code set} is checked on its
     * own. The listings of "cap" and "cap/dst" show placeholders, so a {@code zfs get} follows.
     */
    private static Map<String, Map.Entry<Call, List<List<String>>>> table() {
        Map<String, Map.Entry<Call, List<List<String>>>> t = new LinkedHashMap<>();
        singleCommands().forEach((k, v) -> t.put(k, Map.entry(v.getKey(), List.of(v.getValue()))));
        String props = "jzrepl:placeholder,zrepl:placeholder";
        t.put("listTree placeholders", Map.entry(z -> z.listTree(DatasetPath.parse("cap")),
                List.of(List.of("cap"), List.of(props, "cap"))));
        t.put("listAll", Map.entry(ZfsCli::listAll, List.of(List.of(), List.of(props))));
        t.put("listDatasets", Map.entry(z -> z.listDatasets(List.of(DatasetPath.parse("cap"))),
                List.of(List.of("cap"), List.of(props, "cap"))));
        t.put("listTrees", Map.entry(z -> z.listTrees(List.of(DatasetPath.parse("cap"))),
                List.of(List.of("cap"), List.of(props, "cap"))));
        t.put("dataset placeholder", Map.entry(z -> assertTrue(z.dataset(DatasetPath.parse("cap/dst")).isPresent()),
                List.of(List.of("cap/dst"), List.of(props, "cap/dst"))));
        return t;
    }

    private static Map<String, Map.Entry<Call, List<String>>> singleCommands() {
        String snap = FS.name() + "@" + SNAP;
        String bm = FS.name() + "#" + BOOKMARK;
        Map<String, Map.Entry<Call, List<String>>> t = new LinkedHashMap<>();
        t.put("listTree", Map.entry(z -> z.listTree(FS), List.of(FS.name())));
        t.put("dataset", Map.entry(z -> z.dataset(FS), List.of(FS.name())));
        t.put("create", Map.entry(z -> z.create(FS.child("-p"), Map.of("user:x", "-v"), true),
                List.of(FS.name() + "/-p")));
        t.put("destroy -r", Map.entry(z -> z.destroy(FS, true), List.of(FS.name())));
        t.put("destroy", Map.entry(z -> z.destroy(FS, false), List.of(FS.name())));
        t.put("snapshot", Map.entry(z -> z.snapshot(FS, SNAP), List.of(snap)));
        t.put("snapshotAtomically", Map.entry(z -> z.snapshotAtomically(List.of(FS, FS.child("-r")), SNAP),
                List.of(snap, FS.name() + "/-r@" + SNAP)));
        t.put("bookmark", Map.entry(z -> z.bookmark(FS, VersionRef.snapshot(SNAP), BOOKMARK), List.of(snap, bm)));
        t.put("destroyBookmark", Map.entry(z -> z.destroyBookmark(FS, BOOKMARK), List.of(bm)));
        t.put("destroySnapshots", Map.entry(z -> z.destroySnapshots(FS, List.of(SNAP, "-R")),
                List.of(snap + ",-R")));
        t.put("hold", Map.entry(z -> z.hold(FS, SNAP, TAG), List.of(TAG, snap)));
        t.put("hold list", Map.entry(z -> z.hold(FS, List.of(SNAP, "-d"), TAG), List.of(TAG, snap, FS.name() + "@-d")));
        t.put("release", Map.entry(z -> z.release(FS, SNAP, TAG), List.of(TAG, snap)));
        t.put("release list", Map.entry(z -> z.release(FS, List.of(SNAP), "-r"), List.of("-r", snap)));
        t.put("holds", Map.entry(z -> z.holds(FS, SNAP), List.of(snap)));
        t.put("send", Map.entry(z -> drain(z.send(SendArgs.full(FS, SNAP, SendFlags.NONE))), List.of(snap)));
        t.put("send -i", Map.entry(z -> drain(z.send(SendArgs.incremental(FS, VersionRef.bookmark(BOOKMARK), SNAP,
                new SendFlags(true, true, true, true, true, true)))), List.of(snap)));
        t.put("send -t", Map.entry(z -> drain(z.send(SendArgs.resume(FS, SNAP, "1-abc-def"))), List.of()));
        t.put("estimateSize", Map.entry(z -> z.estimateSize(SendArgs.full(FS, SNAP, SendFlags.NONE)), List.of(snap)));
        t.put("dryRun", Map.entry(z -> z.dryRun(SendArgs.full(FS, SNAP, SendFlags.NONE)), List.of(snap)));
        t.put("recv", Map.entry(z -> z.recv(RecvArgs.of(FS).withForce(true), new ByteArrayInputStream(new byte[10])),
                List.of(FS.name())));
        t.put("recvAbort", Map.entry(z -> z.recvAbort(FS), List.of(FS.name())));
        t.put("encryption", Map.entry(z -> z.encryption(List.of(FS, FS.child("-x"))),
                List.of(FS.name(), FS.name() + "/-x")));
        t.put("get", Map.entry(z -> z.get(snap, List.of("guid")), List.of("guid", snap)));
        return t;
    }

    private static void drain(SendStream s) throws Exception {
        try (s) {
            s.stream().readAllBytes();
            s.finish();
        }
    }

    @Test
    void everyCommandsOperandsComeAfterDoubleDashAndNoneIsReadAsAnOption() throws Exception {
        ZfsCli zfs = recordingCli();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Map.Entry<Call, List<List<String>>>> row : table().entrySet()) {
            Files.deleteIfExists(dir.resolve("calls"));
            row.getValue().getKey().run(zfs);
            List<List<String>> calls = calls();
            if (calls.size() != row.getValue().getValue().size()) {
                failures.add(row.getKey() + ": expected " + row.getValue().getValue().size() + " commands, ran " + calls);
                continue;
            }
            for (int c = 0; c < calls.size(); c++) {
                check(row.getKey(), calls.get(c), row.getValue().getValue().get(c), failures);
            }
        }
        assertEquals(List.of(), failures);
    }

    private static void check(String row, List<String> argv, List<String> expected, List<String> failures) {
        {
            try {
                List<String> got = operands(argv);
                if (!got.equals(expected)) {
                    failures.add(row + ": operands " + got + ", expected " + expected + " in " + argv);
                }
            } catch (IllegalArgumentException e) {
                failures.add(row + ": " + e.getMessage());
            }
            if (!expected.isEmpty() && !argv.subList(argv.size() - expected.size() - 1, argv.size() - expected.size())
                    .equals(List.of("--"))) {
                failures.add(row + ": no '--' right before the operands in " + argv);
            }
        }
    }

    @Test
    void setHasNoDoubleDashButNothingItTakesCanStartWithADash() throws Exception {
        ZfsCli zfs = recordingCli();
        zfs.set(FS, Map.of("user:x", "-v", "readonly", "on"));
        List<String> argv = calls().get(0);
        assertEquals(List.of("set", "readonly=on", "user:x=-v", FS.name()), argv);
        assertFalse(argv.get(1).startsWith("-"), "zfs 2.1 refuses a first argument starting with '-'");
        assertEquals(argv.subList(1, argv.size()), operands(argv), "zfs 2.2's getopt reads no option either");
        assertThrows(IllegalArgumentException.class, () -> zfs.set(FS, Map.of("-u", "x")));
    }

    @Test
    void namesThatWouldStartWithADashAreRefusedBeforeZfsRuns() throws Exception {
        ZfsCli zfs = recordingCli();
        for (String name : List.of("-r", "-r/x", "1pool/x", "_p")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetPath.parse(name));
            assertTrue(e.getMessage().contains("must start with a letter"), e.getMessage());
        }
        assertEquals("cap/-rf x", FS.name(), "a '-' inside a name is fine");
        for (String name : List.of("-r", "--", "-r@s", "cap@-r@x", "cap@a#b", "cap/@x")) {
            assertThrows(IllegalArgumentException.class, () -> zfs.get(name, List.of("guid")), name);
        }
        assertFalse(Files.exists(dir.resolve("calls")), "no command ran");
    }

    @Test
    void theTableCoversEveryZfsMethod() {
        long methods = java.util.Arrays.stream(org.jzrepl.zfs.Zfs.class.getDeclaredMethods())
                .filter(m -> !m.isSynthetic() && !m.isDefault()).map(java.lang.reflect.Method::getName)
                .distinct().count();
        long covered = table().keySet().stream().map(k -> k.split(" ")[0]).distinct().count() + 1;   // + set
        assertEquals(methods, covered);
    }
}
