package org.jzrepl.zfs.cmd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.zfs.DatasetBusyException;
import org.jzrepl.zfs.DatasetExistsException;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DestroyResult;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.ResumeTokenException;
import org.jzrepl.zfs.SendArgs;
import org.jzrepl.zfs.SendDryRun;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.SendStream;
import org.jzrepl.zfs.ZfsException;
import org.jzrepl.zfs.ZfsPermissionException;

/**
 * The adapter's own logic (command sequences, fallbacks, stream plumbing) against a script that
 * replays outputs captured from real zfs. The real thing is covered by {@link ZfsCliIT}.
 */
@Timeout(60)
class ZfsCliTest {

    @TempDir
    Path dir;
    final List<String> metered = new CopyOnWriteArrayList<>();

    private ZfsCli cli(String caseBody) throws Exception {
        Path res = Path.of(Captured.class.getResource("/zfs/" + Captured.VERSION + "/exit-codes.txt").toURI()).getParent();
        Path bin = dir.resolve("zfs");
        Files.writeString(bin, "#!/bin/bash\nR=" + res + "\necho \"$*\" >> " + dir.resolve("calls") + "\n"
                + "case \"$1\" in\n" + caseBody + "\nesac\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        return new ZfsCli(new ZfsRunner(bin, (v, d, e) -> metered.add(v + ":" + e), Duration.ofSeconds(20)));
    }

    private List<String> calls() throws IOException {
        return Files.exists(dir.resolve("calls")) ? Files.readAllLines(dir.resolve("calls")) : List.of();
    }

    @Test
    void listTreeAsksOnceMoreOnlyToTellSetPlaceholdersFromInheritedOnes() throws Exception {
        ZfsCli zfs = cli("list) cat $R/list-tree.out ;;\nget) cat $R/get-placeholders-local.out ;;");
        Map<String, DatasetInfo> tree = zfs.listTree(DatasetPath.parse("cap")).stream()
                .collect(Collectors.toMap(d -> d.path().name(), Function.identity()));
        assertEquals(List.of("list:0", "get:0"), metered);
        assertTrue(calls().get(1).startsWith("get -H -p -r -s local -o name,property,value -t filesystem,volume "
                + "-- jzrepl:placeholder,zrepl:placeholder cap"), calls().get(1));
        assertTrue(tree.get("cap/dst").placeholder());
        assertTrue(tree.get("cap/dst/ph2").placeholder());
        assertFalse(tree.get("cap/dst/enc").placeholder());
        assertFalse(tree.get("cap/src").placeholder());
    }

    @Test
    void aResumedDryRunNamesWhatZfsResolvedTheTokenTo() throws Exception {
        ZfsCli zfs = cli("send) cat $R/send-nvP-token-incremental.out ;;");
        String token = Captured.token("incremental");
        SendDryRun dry = zfs.dryRun(SendArgs.resume(DatasetPath.parse("cap/src"), "b", token));
        assertEquals(Optional.of("cap/src@a"), dry.from());
        assertEquals("cap/src@b", dry.to());
        assertEquals(949672L, dry.size());
        assertEquals(List.of("send -n -v -P -t " + token), calls());
    }

    @Test
    void aTokenZfsRefusesIsAResumeTokenException() throws Exception {
        ZfsCli zfs = cli("send) cat $R/err-send-token-stale.out; cat $R/err-send-token-stale.err >&2; exit 255 ;;");
        ResumeTokenException e = assertThrows(ResumeTokenException.class,
                () -> zfs.dryRun(SendArgs.resume(DatasetPath.parse("cap/src"), "t1", Captured.token("full"))));
        assertEquals(255, e.exitCode());
    }

    @Test
    void aFailedBatchIsRetriedOneByOneToDestroyTheRestAndNameTheCulprit() throws Exception {
        ZfsCli zfs = cli("destroy) case \"$3\" in\n"
                + "  *,*) cat $R/err-destroy-comma-held.err >&2; exit 1 ;;\n"
                + "  *@a) cat $R/err-destroy-held-snapshot.err >&2; exit 1 ;;\n"
                + "  *@gone) cat $R/err-destroy-missing-snapshot.err >&2; exit 1 ;;\n"
                + "  esac ;;");
        DestroyResult r = zfs.destroySnapshots(DatasetPath.parse("cap/src"), List.of("x1", "a", "gone"));
        assertEquals(List.of("destroy -- cap/src@x1,a,gone", "destroy -- cap/src@x1", "destroy -- cap/src@a",
                "destroy -- cap/src@gone"), calls());
        assertEquals(List.of("x1", "gone"), r.destroyed());
        assertEquals(List.of("a"), List.copyOf(r.failed().keySet()));
        assertInstanceOf(DatasetBusyException.class, r.failed().get("a"));
    }

    @Test
    void holdAndReleaseOfSeveralSnapshotsAreOneCommandEach() throws Exception {
        ZfsCli zfs = cli("hold|release) ;;");
        DatasetPath fs = DatasetPath.parse("cap/src");
        zfs.hold(fs, List.of("a", "b"), "jzrepl_STEP_J_job");
        zfs.release(fs, List.of("a", "b"), "jzrepl_STEP_J_job");
        zfs.hold(fs, "a", "keep");
        zfs.release(fs, List.of(), "keep");
        assertEquals(List.of("hold -- jzrepl_STEP_J_job cap/src@a cap/src@b",
                "release -- jzrepl_STEP_J_job cap/src@a cap/src@b", "hold -- keep cap/src@a"), calls());
        assertThrows(IllegalArgumentException.class, () -> zfs.hold(fs, List.of("a"), "bad tag"));
    }

    @Test
    void aMultiSnapshotReleaseWhereOneLacksTheTagIsDatasetNotFound() throws Exception {
        ZfsCli zfs = cli("release) cat $R/err-release-missing-tag.err >&2; exit 1 ;;");
        assertThrows(DatasetNotFoundException.class,
                () -> zfs.release(DatasetPath.parse("cap/src"), List.of("a", "b"), "keep"));
    }

    @Test
    void encryptionOfSeveralDatasetsIsOneListThatLeavesOutTheMissingOnes() throws Exception {
        ZfsCli zfs = cli("list) printf 'cap\\toff\\ncap/enc\\taes-256-gcm\\n'\n"
                + "  echo \"cannot open 'cap/nope': dataset does not exist\" >&2; exit 1 ;;");
        Map<DatasetPath, String> enc = zfs.encryption(List.of(DatasetPath.parse("cap/nope"),
                DatasetPath.parse("cap/enc"), DatasetPath.parse("cap")));
        assertEquals(Map.of(DatasetPath.parse("cap"), "off", DatasetPath.parse("cap/enc"), "aes-256-gcm"), enc);
        assertEquals(List.of("list -H -p -o name,encryption -t filesystem,volume -- cap/nope cap/enc cap"), calls());
        assertEquals(Map.of(), zfs.encryption(List.of()));
        assertEquals(1, calls().size(), "nothing asked, nothing run");
    }

    @Test
    void listDatasetsListsEveryRootInOneCommandAndLeavesOutMissingRoots() throws Exception {
        String row = "%s\\tfilesystem\\t%s\\t1\\t1700000000\\t-\\t-\\t-\\toff\\t-\\t-\\n";
        ZfsCli zfs = cli("list) case \"$*\" in\n"
                + "  *cap/nope*cap/a*) echo \"cannot open 'cap/nope': dataset does not exist\" >&2; exit 1 ;;\n"
                + "  *cap/nope*) echo \"cannot open 'cap/nope': dataset does not exist\" >&2; exit 1 ;;\n"
                + "  *) printf '" + String.format(row, "cap/a", "11") + String.format(row, "cap/a/x", "12") + "' ;;\n"
                + "  esac ;;");
        List<DatasetInfo> got = zfs.listDatasets(List.of(DatasetPath.parse("cap/a")));
        assertEquals(List.of("cap/a", "cap/a/x"), got.stream().map(d -> d.path().name()).toList());
        assertTrue(got.stream().allMatch(d -> d.versions().isEmpty()), "no snapshots asked for");
        assertEquals(List.of("list -H -p -o name,type,guid,createtxg,creation,receive_resume_token,"
                + "jzrepl:placeholder,zrepl:placeholder,encryption,keystatus,encryptionroot -t filesystem,volume -r"
                + " -- cap/a"), calls());

        List<DatasetInfo> withMissing = zfs.listDatasets(List.of(DatasetPath.parse("cap/nope"), DatasetPath.parse("cap/a")));
        assertEquals(List.of("cap/a", "cap/a/x"), withMissing.stream().map(d -> d.path().name()).toList(),
                "a root that does not exist adds nothing");
        assertEquals(4, calls().size(), "one command for both, then one per root");
    }

    @Test
    void listTreesListsEveryRootWithItsVersionsInOneCommandAndLeavesOutMissingRoots() throws Exception {
        String fs = "%s\tfilesystem\t%s\t1\t1700000000\t-\t-\t-\toff\t-\t-\n";
        String snap = "%s\tsnapshot\t%s\t%s\t1700000000\t-\t-\t-\toff\t-\t-\n";
        ZfsCli zfs = cli("list) case \"$*\" in\n"
                + "  *cap/nope*) echo \"cannot open 'cap/nope': dataset does not exist\" >&2; exit 1 ;;\n"
                + "  *) printf '" + String.format(fs, "cap/a", "11") + String.format(snap, "cap/a@s1", "21", "5")
                + String.format(fs, "cap/b", "12") + String.format(snap, "cap/b@s1", "22", "6") + "' ;;\n"
                + "  esac ;;");
        List<DatasetInfo> got = zfs.listTrees(List.of(DatasetPath.parse("cap/a"), DatasetPath.parse("cap/b")));
        assertEquals(List.of("cap/a", "cap/b"), got.stream().map(d -> d.path().name()).toList());
        assertEquals(List.of("s1"), got.get(1).snapshots().stream().map(v -> v.name()).toList());
        assertEquals("22", got.get(1).snapshots().get(0).guid().decimal());
        assertEquals(List.of("list -H -p -o name,type,guid,createtxg,creation,receive_resume_token,"
                + "jzrepl:placeholder,zrepl:placeholder,encryption,keystatus,encryptionroot"
                + " -t filesystem,volume,snapshot,bookmark -r -- cap/a cap/b"), calls());

        List<DatasetInfo> withMissing = zfs.listTrees(List.of(DatasetPath.parse("cap/nope"), DatasetPath.parse("cap/a")));
        assertEquals(List.of("cap/a", "cap/b"), withMissing.stream().map(d -> d.path().name()).toList(),
                "a root that does not exist adds nothing (this script prints both trees for any other root)");
        assertEquals(4, calls().size(), "one command for both, then one per root");
    }

    @Test
    void encryptionLookupThrowsEveryFailureButMissingDatasets() throws Exception {
        ZfsCli zfs = cli("list) echo \"cannot open 'cap/nope': dataset does not exist\" >&2\n"
                + "  echo 'internal error: something else' >&2; exit 1 ;;");
        ZfsException e = assertThrows(DatasetNotFoundException.class,
                () -> zfs.encryption(List.of(DatasetPath.parse("cap/nope"))));
        assertTrue(e.stderr().contains("something else"), e.stderr());
        ZfsCli denied = cli("list) cat $R/err-permission.err >&2; exit 1 ;;");
        assertThrows(ZfsPermissionException.class, () -> denied.encryption(List.of(DatasetPath.parse("cap"))));
    }

    @Test
    void recvFeedsTheWholeStreamToZfs() throws Exception {
        Path got = dir.resolve("got");
        ZfsCli zfs = cli("recv) cat > " + got + " ;;");
        byte[] data = new byte[1 << 20];
        new java.util.Random(7).nextBytes(data);
        zfs.recv(RecvArgs.of(DatasetPath.parse("b/fs")), new ByteArrayInputStream(data));
        assertArrayEquals(data, Files.readAllBytes(got));
        assertEquals(List.of("recv -s -u -- b/fs"), calls());
    }

    @Test
    void recvReportsZfssErrorWhenZfsStopsReadingEarly() throws Exception {
        ZfsCli zfs = cli("recv) cat $R/err-recv-existing.err >&2; exit 1 ;;");
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(DatasetExistsException.class,
                () -> zfs.recv(RecvArgs.of(DatasetPath.parse("b/fs")), endless)));
    }

    @Test
    void recvThrowsTheSourceFailureWithZfsErrorAttachedWhenTheStreamBreaks() throws Exception {
        ZfsCli zfs = cli("recv) cat > /dev/null; cat $R/err-recv-truncated.err >&2; exit 1 ;;");
        IOException broken = new IOException("connection lost");
        InputStream failing = new InputStream() {
            int left = 100_000;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    throw broken;     // and on every later call: read(byte[]) swallows a first one
                }
                left--;
                return 1;
            }
        };
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IOException.class,
                () -> zfs.recv(RecvArgs.of(DatasetPath.parse("b/fs")), failing)));
        assertSame(broken, e);
        assertInstanceOf(ZfsException.class, e.getSuppressed()[0]);
        assertTrue(((ZfsException) e.getSuppressed()[0]).stderr().contains("Partially received snapshot is saved"));
    }

    @Test
    void sendStreamsStdoutAndReportsSuccessAtFinish() throws Exception {
        ZfsCli zfs = cli("send) printf 'stream-bytes' ;;");
        try (SendStream s = zfs.send(SendArgs.full(DatasetPath.parse("p/fs"), "a", SendFlags.NONE))) {
            assertEquals("stream-bytes", new String(s.stream().readAllBytes()));
            s.finish();
        }
        assertEquals(List.of("send:0"), metered);
    }

    @Test
    void closingASendThatIsStillRunningKillsIt() throws Exception {
        ZfsCli zfs = cli("send) exec yes ;;");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            SendStream s = zfs.send(SendArgs.full(DatasetPath.parse("p/fs"), "a", SendFlags.NONE));
            assertEquals('y', s.stream().read());
            s.close();
        });
        assertEquals(List.of("send:-1"), metered);
    }

    @Test
    void oneDatasetIsOneDepthOneListingAndAMissingOneIsEmpty() throws Exception {
        Files.writeString(dir.resolve("d1.out"), ListParserTest.depthOneOfCapSrc());
        ZfsCli zfs = cli("list) cat " + dir.resolve("d1.out") + " ;;");
        DatasetInfo src = zfs.dataset(DatasetPath.parse("cap/src")).orElseThrow();
        assertEquals(List.of("#a", "@a", "@b"), src.versions().stream().map(v -> v.relativeName()).toList());
        assertEquals(List.of("list -H -p -o " + String.join(",", ListParser.COLUMNS)
                + " -t filesystem,volume,snapshot,bookmark -d 1 -- cap/src"), calls());
        ZfsCli missing = cli("list) cat $R/err-list-missing.err >&2; exit 1 ;;");
        assertEquals(java.util.Optional.empty(), missing.dataset(DatasetPath.parse("cap/nope")));
    }

    @Test
    void aMillionSnapshotNamesAreRefusedAtOnceAndNoZfsRuns() throws Exception {
        ZfsCli zfs = cli("destroy) ;;");
        List<String> million = new java.util.ArrayList<>(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            million.add("s" + i);
        }
        long t0 = System.nanoTime();
        IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
                IllegalArgumentException.class, () -> zfs.destroySnapshots(DatasetPath.parse("cap/src"), million)));
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertTrue(e.getMessage().contains("1000000 snapshots to destroy in one call"), e.getMessage());
        assertEquals(List.of(), calls());
        zfs.destroySnapshots(DatasetPath.parse("cap/src"), List.of("a", "b", "a"));
        assertEquals(List.of("destroy -- cap/src@a,b"), calls(), "duplicates dropped");
    }
}
