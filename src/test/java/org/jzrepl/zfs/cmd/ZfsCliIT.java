package org.jzrepl.zfs.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetBusyException;
import org.jzrepl.zfs.DatasetExistsException;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.DestroyResult;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.ResumeToken;
import org.jzrepl.zfs.ResumeTokenDecoder;
import org.jzrepl.zfs.SendDryRun;
import org.jzrepl.zfs.SendArgs;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.SendStream;
import org.jzrepl.zfs.VersionRef;
import org.jzrepl.zfs.ZfsException;

/** Every adapter verb against real OpenZFS in the testbed VM, through the host wrappers. */
@Timeout(300)
class ZfsCliIT {

    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();

    record Rec(String verb, int exit) { }

    final List<Rec> metered = new CopyOnWriteArrayList<>();
    final ZfsCli zfs = TESTBED.zfs((verb, duration, exit) -> metered.add(new Rec(verb, exit)));

    private DatasetPath fs(String name) throws ZfsException {
        DatasetPath p = TESTBED.path(name);
        zfs.create(p, Map.of(), true);
        return p;
    }

    private Guid guid(String fullName) throws ZfsException {
        return Guid.parse(zfs.get(fullName, List.of("guid")).get("guid").value());
    }

    private long count(String verb) {
        return metered.stream().filter(r -> r.verb().equals(verb)).count();
    }

    /** send | recv through the adapter; returns the stream size. */
    private void replicate(SendArgs send, RecvArgs recv) throws IOException {
        try (SendStream s = zfs.send(send)) {
            zfs.recv(recv, s.stream());
            s.finish();
        }
    }

    @Test
    void listsATreeWithSnapshotsBookmarksAndChildrenInOneCommand() throws Exception {
        DatasetPath root = fs("list");
        DatasetPath child = fs("list/child");
        zfs.create(TESTBED.path("list/child/ph"), Map.of("jzrepl:placeholder", "on"), false);
        zfs.create(TESTBED.path("list/child/ph/ph2"), Map.of("jzrepl:placeholder", "on"), false);
        zfs.create(TESTBED.path("list/child/ph/real"), Map.of(), false);
        zfs.snapshot(root, "s1");
        zfs.snapshot(root, "s2");
        zfs.bookmark(root, VersionRef.snapshot("s1"), "b1");
        zfs.snapshot(child, "c1");
        metered.clear();

        List<DatasetInfo> tree = zfs.listTree(root);

        // one list for the tree, one get to tell local placeholders from inherited ones
        assertEquals(List.of(new Rec("list", 0), new Rec("get", 0)), metered);
        assertEquals(List.of("list", "list/child", "list/child/ph", "list/child/ph/ph2", "list/child/ph/real"),
                tree.stream().map(d -> String.join("/", d.path().relativeTo(TESTBED.pool()))).toList());
        DatasetInfo r = tree.get(0);
        assertEquals(DatasetType.FILESYSTEM, r.type());
        // oldest first; a bookmark sorts before the snapshot of the same txg
        assertEquals(List.of("#b1", "@s1", "@s2"),
                r.versions().stream().map(FilesystemVersion::relativeName).toList());
        assertEquals(guid(root.name() + "@s1"), r.snapshots().get(0).guid());
        assertEquals(r.snapshots().get(0).guid(), r.bookmarks().get(0).guid());
        assertEquals(r.snapshots().get(0).createTxg(), r.bookmarks().get(0).createTxg());
        assertTrue(r.snapshots().get(1).createTxg() > r.snapshots().get(0).createTxg());
        assertEquals(guid(root.name()), r.guid());
        assertFalse(r.placeholder());
        assertFalse(r.encrypted());
        assertEquals(KeyStatus.NONE, r.keyStatus());
        assertEquals(Optional.empty(), r.resumeToken());
        assertEquals(List.of("c1"), tree.get(1).snapshots().stream().map(FilesystemVersion::name).toList());
        assertTrue(tree.get(2).placeholder());
        assertTrue(tree.get(3).placeholder());
        assertFalse(tree.get(4).placeholder(), "inherits 'on' but is no placeholder");
        DatasetPath plain = fs("list-plain");
        metered.clear();
        zfs.listTree(plain);
        assertEquals(List.of(new Rec("list", 0)), metered, "no placeholder in sight, no get");
    }

    @Test
    void listTreesListsSeveralTreesWithVersionsInOneCommandAsListTreeDoesEach() throws Exception {
        DatasetPath a = fs("trees-a");
        DatasetPath b = fs("trees-b");
        zfs.create(TESTBED.path("trees-b/ph"), Map.of("jzrepl:placeholder", "on"), false);
        DatasetPath real = fs("trees-b/ph/real");
        zfs.snapshot(a, "s1");
        zfs.bookmark(a, VersionRef.snapshot("s1"), "b1");
        zfs.snapshot(real, "r1");
        metered.clear();

        List<DatasetInfo> got = zfs.listTrees(List.of(a, b));

        assertEquals(List.of(new Rec("list", 0), new Rec("get", 0)), metered, "one list for both, one get");
        List<DatasetInfo> each = new java.util.ArrayList<>(zfs.listTree(a));
        each.addAll(zfs.listTree(b));
        assertEquals(each, got, "what listTree says of each tree");
        assertEquals(List.of("#b1", "@s1"), got.get(0).versions().stream().map(FilesystemVersion::relativeName).toList());
        assertTrue(got.get(2).placeholder());
        assertFalse(got.get(3).placeholder(), "inherits 'on' but is no placeholder");
        metered.clear();
        assertEquals(got.subList(0, 1), zfs.listTrees(List.of(TESTBED.path("trees-nope"), a)),
                "a missing root adds nothing");
    }

    @Test
    void listOfAMissingTreeIsDatasetNotFound() {
        ZfsException e = assertThrows(DatasetNotFoundException.class, () -> zfs.listTree(TESTBED.path("nope")));
        assertTrue(e.stderr().contains("does not exist"), e.stderr());
    }

    @Test
    void holdsAreListedAndReleased() throws Exception {
        DatasetPath fs = fs("holds");
        zfs.snapshot(fs, "s");
        zfs.hold(fs, "s", "jzrepl_a");
        zfs.hold(fs, "s", "jzrepl_b");
        assertEquals(List.of("jzrepl_a", "jzrepl_b"), zfs.holds(fs, "s").stream().sorted().toList());
        assertThrows(DatasetExistsException.class, () -> zfs.hold(fs, "s", "jzrepl_a"));
        zfs.release(fs, "s", "jzrepl_a");
        assertEquals(List.of("jzrepl_b"), zfs.holds(fs, "s"));
        zfs.release(fs, "s", "jzrepl_b");
        assertEquals(List.of(), zfs.holds(fs, "s"));
    }

    @Test
    void oneHoldCommandHoldsTwoSnapshotsAndHoldsTheNewOneWhenTheOtherIsHeldAlready() throws Exception {
        DatasetPath fs = fs("multihold");
        for (String s : List.of("a", "b", "c")) {
            zfs.snapshot(fs, s);
        }
        metered.clear();
        zfs.hold(fs, List.of("a", "b"), "jzrepl_t");
        assertEquals(List.of(new Rec("hold", 0)), metered);
        assertEquals(List.of("jzrepl_t"), zfs.holds(fs, "a"));
        assertEquals(List.of("jzrepl_t"), zfs.holds(fs, "b"));
        // each snapshot on its own: a is held already (exit 1, named), c gets its hold anyway
        ZfsException e = assertThrows(DatasetExistsException.class, () -> zfs.hold(fs, List.of("a", "c"), "jzrepl_t"));
        assertEquals(1, e.exitCode());
        assertTrue(e.stderr().contains("'" + fs.name() + "@a': tag already exists"), e.stderr());
        assertFalse(e.stderr().contains("@c"), e.stderr());
        assertEquals(List.of("jzrepl_t"), zfs.holds(fs, "c"));
    }

    @Test
    void oneReleaseCommandReleasesWhereTheTagIsAndFailsNamingWhereItIsNot() throws Exception {
        DatasetPath fs = fs("multirelease");
        zfs.snapshot(fs, "a");
        zfs.snapshot(fs, "b");
        zfs.hold(fs, "a", "jzrepl_t");
        zfs.hold(fs, "b", "keep");
        ZfsException e = assertThrows(DatasetNotFoundException.class,
                () -> zfs.release(fs, List.of("b", "a"), "jzrepl_t"));
        assertEquals(1, e.exitCode());
        assertEquals("cannot release hold from snapshot '" + fs.name() + "@b': no such tag on this dataset",
                e.stderr().strip());
        assertEquals(List.of(), zfs.holds(fs, "a"), "released although b, before it, failed");
        assertEquals(List.of("keep"), zfs.holds(fs, "b"));
        zfs.release(fs, List.of("b"), "keep");
        assertThrows(DatasetNotFoundException.class, () -> zfs.release(fs, List.of("a", "gone"), "jzrepl_t"));
    }

    @Test
    void encryptionOfSeveralDatasetsLeavesOutTheMissingOnes() throws Exception {
        DatasetPath plain = fs("encq");
        DatasetPath enc = TESTBED.path("encq/enc");
        zfs.create(enc, Map.of("encryption", "on", "keyformat", "passphrase",
                "keylocation", TESTBED.keyLocation("correct horse battery staple")), false);
        DatasetPath missing = TESTBED.path("encq/enc/nope");
        metered.clear();
        Map<DatasetPath, String> got = zfs.encryption(List.of(missing, missing.child("deeper"), enc, plain));
        assertEquals(List.of(new Rec("list", 1)), metered, "one command; exit 1 for the missing ones");
        assertEquals(Map.of(plain, "off", enc, "aes-256-gcm"), got);
        assertEquals(Map.of(), zfs.encryption(List.of(missing)));
        assertEquals(Map.of(), zfs.encryption(List.of(DatasetPath.parse("jzrepl-no-such-pool/x"))));
    }

    @Test
    void oneDatasetIsListedWithItsOwnVersionsOnlyInOneDepthOneCommand() throws Exception {
        DatasetPath parent = fs("depth");
        DatasetPath child = fs("depth/child");
        fs("depth/child/grandchild");
        zfs.snapshot(parent, "p1");
        zfs.bookmark(parent, VersionRef.snapshot("p1"), "pb");
        zfs.snapshot(parent, "p2");
        zfs.snapshot(child, "c1");
        zfs.bookmark(child, VersionRef.snapshot("c1"), "cb");
        metered.clear();

        DatasetInfo got = zfs.dataset(parent).orElseThrow();

        assertEquals(List.of(new Rec("list", 0)), metered, "one zfs list, no placeholder get");
        assertEquals(parent, got.path());
        assertEquals(List.of("@p1", "#pb", "@p2").stream().sorted().toList(),
                got.versions().stream().map(FilesystemVersion::relativeName).sorted().toList(),
                "the parent's versions, none of the child's");
        assertEquals(zfs.listTree(parent).get(0), got, "the same as the recursive listing says of it");
        assertEquals(List.of("@c1", "#cb").stream().sorted().toList(), zfs.dataset(child).orElseThrow().versions()
                .stream().map(FilesystemVersion::relativeName).sorted().toList());
        assertEquals(Optional.empty(), zfs.dataset(TESTBED.path("depth/nope")));
        String raw = TESTBED.guest("zfs list -H -o name -t snapshot,bookmark -d 1 -- " + parent.name());
        assertEquals(List.of(parent.name() + "#pb", parent.name() + "@p1", parent.name() + "@p2"),
                raw.lines().sorted().toList(), "zfs list -d 1 -- DATASET on the guest");
    }

    @Test
    void aPlaceholderDatasetIsToldApartFromItsInheritingChildWithoutRecursion() throws Exception {
        DatasetPath ph = TESTBED.path("depthph");
        zfs.create(ph, Map.of("jzrepl:placeholder", "on"), false);
        DatasetPath real = fs("depthph/real");
        metered.clear();
        assertTrue(zfs.dataset(ph).orElseThrow().placeholder());
        assertEquals(List.of(new Rec("list", 0), new Rec("get", 0)), metered);
        assertFalse(zfs.dataset(real).orElseThrow().placeholder(), "inherits 'on' but did not set it");
    }

    @Test
    void aHeldSnapshotIsNotDestroyedAndReportedBusyWhileTheOthersGo() throws Exception {
        DatasetPath fs = fs("held");
        for (String s : List.of("a", "b", "c")) {
            zfs.snapshot(fs, s);
        }
        zfs.hold(fs, "b", "keep");

        DestroyResult r = zfs.destroySnapshots(fs, List.of("a", "b", "c"));

        assertEquals(List.of("a", "c"), r.destroyed().stream().sorted().toList());
        assertEquals(List.of("b"), List.copyOf(r.failed().keySet()));
        assertInstanceOf(DatasetBusyException.class, r.failed().get("b"));
        assertEquals(List.of("b"), zfs.listTree(fs).get(0).snapshots().stream().map(FilesystemVersion::name).toList());
        zfs.release(fs, "b", "keep");
    }

    @Test
    void manySnapshotsAreDestroyedWithOneCommaListCommand() throws Exception {
        DatasetPath fs = fs("comma");
        List<String> names = List.of("s1", "s2", "s3", "s4");
        for (String s : names) {
            zfs.snapshot(fs, s);
        }
        metered.clear();
        DestroyResult r = zfs.destroySnapshots(fs, names);
        assertTrue(r.allDestroyed(), r.toString());
        assertEquals(List.of(new Rec("destroy", 0)), metered);
        assertEquals(List.of(), zfs.listTree(fs).get(0).snapshots());
    }

    @Test
    void destroyingMissingSnapshotsCountsAsDoneAndSmallBatchesSplit() throws Exception {
        DatasetPath fs = fs("batches");
        zfs.snapshot(fs, "x1");
        zfs.snapshot(fs, "x2");
        ZfsCli tiny = new ZfsCli(new ZfsRunner(TESTBED.zfsBinary(), (v, d, e) -> metered.add(new Rec(v, e))),
                fs.name().length() + 6);   // room for one name per comma list
        metered.clear();
        DestroyResult r = tiny.destroySnapshots(fs, List.of("x1", "gone", "x2"));
        assertTrue(r.allDestroyed(), r.toString());
        assertEquals(3, count("destroy"));
        assertEquals(List.of(), zfs.listTree(fs).get(0).snapshots());
    }

    @Test
    void fullIncrementalAndBookmarkBasedSendReceiveKeepTheData() throws Exception {
        DatasetPath src = fs("rep/src");
        DatasetPath dst = TESTBED.path("rep/dst");
        TESTBED.writeRandomKib(src, "one", 512);
        zfs.snapshot(src, "a");
        TESTBED.writeFile(src, "dir/two", "second".getBytes(StandardCharsets.UTF_8));
        zfs.snapshot(src, "b");
        zfs.bookmark(src, VersionRef.snapshot("b"), "b");
        TESTBED.writeRandomKib(src, "three", 512);
        zfs.snapshot(src, "c");

        replicate(SendArgs.full(src, "a", SendFlags.NONE), RecvArgs.of(dst));
        replicate(SendArgs.incremental(src, VersionRef.snapshot("a"), "b", SendFlags.NONE), RecvArgs.of(dst));
        zfs.destroySnapshots(src, List.of("b"));      // the bookmark alone is the incremental source now
        replicate(SendArgs.incremental(src, VersionRef.bookmark("b"), "c", SendFlags.NONE), RecvArgs.of(dst));

        DatasetInfo got = zfs.listTree(dst).get(0);
        assertEquals(List.of("a", "b", "c"), got.snapshots().stream().map(FilesystemVersion::name).toList());
        assertEquals(guid(src.name() + "@c"), got.snapshots().get(2).guid());
        assertEquals(TESTBED.checksum(src, "c"), TESTBED.checksum(dst, "c"));
    }

    @Test
    void sendWithConfigFlagsAndRecvPropertyOptionsApply() throws Exception {
        DatasetPath src = fs("flags/src");
        zfs.set(src, Map.of("jzrepl:origin", "yes", "compression", "lz4"));
        TESTBED.writeRandomKib(src, "f", 512);
        zfs.snapshot(src, "a");
        DatasetPath dst = TESTBED.path("flags/dst");
        replicate(SendArgs.full(src, "a", new SendFlags(false, true, false, true, true, true)),
                RecvArgs.of(dst).withProperties(List.of("compression"), Map.of("jzrepl:received", "1")));
        var props = zfs.get(dst.name(), List.of("jzrepl:origin", "jzrepl:received", "compression"));
        assertEquals("yes", props.get("jzrepl:origin").value());
        assertEquals("received", props.get("jzrepl:origin").source());
        assertEquals("1", props.get("jzrepl:received").value());
        assertNotEquals("received", props.get("compression").source());
    }

    @Test
    void anInterruptedReceiveLeavesATokenThatDecodesAndResumes() throws Exception {
        DatasetPath src = fs("resume/src");
        DatasetPath dst = TESTBED.path("resume/dst");
        TESTBED.writeRandomKib(src, "f", 1024);
        zfs.snapshot(src, "a");

        try (SendStream s = zfs.send(SendArgs.full(src, "a", SendFlags.NONE))) {
            IOException e = assertThrows(IOException.class,
                    () -> zfs.recv(RecvArgs.of(dst), new FailingAfter(s.stream(), 256 << 10)));
            assertEquals("connection lost", e.getMessage());
            assertEquals(1, e.getSuppressed().length);
            assertInstanceOf(ZfsException.class, e.getSuppressed()[0]);
        }

        DatasetInfo partial = zfs.listTree(dst).get(0);
        String token = partial.resumeToken().orElseThrow();
        ResumeToken t = ResumeTokenDecoder.decode(token);
        assertEquals(src.name() + "@a", t.toName());
        assertEquals(guid(src.name() + "@a"), t.toGuid());
        assertEquals(Optional.empty(), t.fromGuid());
        assertTrue(zfs.estimateSize(SendArgs.resume(src, "a", token)) > 0);
        SendDryRun dry = zfs.dryRun(SendArgs.resume(src, "a", token));
        assertEquals(src.name() + "@a", dry.to());
        assertEquals(Optional.empty(), dry.from());

        replicate(SendArgs.resume(src, "a", token), RecvArgs.of(dst));

        DatasetInfo done = zfs.listTree(dst).get(0);
        assertEquals(Optional.empty(), done.resumeToken());
        assertEquals(guid(src.name() + "@a"), done.snapshots().get(0).guid());
        assertEquals(TESTBED.checksum(src, "a"), TESTBED.checksum(dst, "a"));
    }

    @Test
    void recvAbortDiscardsThePartialState() throws Exception {
        DatasetPath src = fs("abort/src");
        DatasetPath base = fs("abort/dst");
        DatasetPath dst = base.child("fs");
        TESTBED.writeRandomKib(src, "f", 1024);
        zfs.snapshot(src, "a");
        try (SendStream s = zfs.send(SendArgs.full(src, "a", SendFlags.NONE))) {
            assertThrows(IOException.class, () -> zfs.recv(RecvArgs.of(dst), new FailingAfter(s.stream(), 256 << 10)));
        }
        assertTrue(zfs.listTree(base).stream().anyMatch(d -> d.path().equals(dst) && d.resumeToken().isPresent()));
        zfs.recvAbort(dst);
        assertTrue(zfs.listTree(base).stream().noneMatch(d -> d.path().equals(dst)));
        assertThrows(DatasetNotFoundException.class, () -> zfs.recvAbort(dst));
    }

    @Test
    void aTokenStillDecodesWhenItsSnapshotIsGoneButResumingFailsTyped() throws Exception {
        DatasetPath src = fs("stale/src");
        DatasetPath dst = TESTBED.path("stale/dst");
        TESTBED.writeRandomKib(src, "f", 1024);
        zfs.snapshot(src, "a");
        try (SendStream s = zfs.send(SendArgs.full(src, "a", SendFlags.NONE))) {
            assertThrows(IOException.class, () -> zfs.recv(RecvArgs.of(dst), new FailingAfter(s.stream(), 256 << 10)));
        }
        String token = zfs.listTree(dst).get(0).resumeToken().orElseThrow();
        Guid a = guid(src.name() + "@a");
        zfs.destroySnapshots(src, List.of("a"));
        assertEquals(a, ResumeTokenDecoder.decode(token).toGuid());      // as on a receiver, which lacks @a
        assertThrows(org.jzrepl.zfs.ResumeTokenException.class, () -> zfs.dryRun(SendArgs.resume(src, "a", token)));
        SendStream s = zfs.send(SendArgs.resume(src, "a", token));
        s.stream().readAllBytes();
        assertThrows(org.jzrepl.zfs.ResumeTokenException.class, s::finish);
        s.close();
    }

    @Test
    void rawSendOfAnEncryptedDatasetIsReceivedWithoutTheKey() throws Exception {
        DatasetPath src = TESTBED.path("enc/src");
        fs("enc");
        zfs.create(src, Map.of("encryption", "on", "keyformat", "passphrase",
                "keylocation", TESTBED.keyLocation("correct horse battery staple")), false);
        TESTBED.writeRandomKib(src, "secret", 512);
        zfs.snapshot(src, "a");
        TESTBED.writeRandomKib(src, "more", 512);
        zfs.snapshot(src, "b");
        DatasetPath dst = TESTBED.path("enc/dst");
        SendFlags raw = new SendFlags(true, false, false, false, false, false);

        replicate(SendArgs.full(src, "a", raw), RecvArgs.of(dst));
        replicate(SendArgs.incremental(src, VersionRef.snapshot("a"), "b", raw), RecvArgs.of(dst));

        DatasetInfo got = zfs.listTree(dst).get(0);
        assertTrue(got.encrypted());
        assertEquals(KeyStatus.UNAVAILABLE, got.keyStatus());
        assertEquals(Optional.of(dst), got.encryptionRoot());
        TESTBED.guest("zfs load-key -L " + TESTBED.keyLocation("correct horse battery staple") + " " + dst.name());
        assertEquals(TESTBED.checksum(src, "b"), TESTBED.checksum(dst, "b"));
    }

    @Test
    void sizeEstimatesAreCloseToTheRealStreamSize() throws Exception {
        DatasetPath src = fs("size");
        TESTBED.writeRandomKib(src, "f", 1024);
        zfs.snapshot(src, "a");
        TESTBED.writeRandomKib(src, "g", 512);
        zfs.snapshot(src, "b");
        SendArgs inc = SendArgs.incremental(src, VersionRef.snapshot("a"), "b", SendFlags.NONE);
        long estimate = zfs.estimateSize(inc);
        long actual;
        try (SendStream s = zfs.send(inc)) {
            actual = s.stream().transferTo(java.io.OutputStream.nullOutputStream());
            s.finish();
        }
        assertTrue(Math.abs(estimate - actual) < actual / 10, "estimate " + estimate + ", actual " + actual);
        assertTrue(zfs.estimateSize(SendArgs.full(src, "b", SendFlags.NONE)) > estimate);
    }

    @Test
    void errorsAreMappedToTypedExceptions() throws Exception {
        DatasetPath fs = fs("errors");
        zfs.snapshot(fs, "a");
        assertThrows(DatasetNotFoundException.class, () -> zfs.destroy(TESTBED.path("errors/nope"), false));
        assertThrows(DatasetNotFoundException.class, () -> zfs.snapshot(TESTBED.path("errors/nope"), "a"));
        assertThrows(DatasetNotFoundException.class, () -> zfs.get(fs.name() + "@nope", List.of("guid")));
        assertThrows(DatasetExistsException.class, () -> zfs.create(fs, Map.of(), false));
        assertThrows(DatasetExistsException.class, () -> zfs.snapshot(fs, "a"));
        DatasetPath other = fs("errors/other");
        ZfsException e = assertThrows(DatasetExistsException.class, () -> replicate(
                SendArgs.full(fs, "a", SendFlags.NONE), RecvArgs.of(other).withResumable(false)));
        assertTrue(e.stderr().contains("exists"), e.stderr());
    }

    @Test
    void aFailedSendEndsItsStreamAndReportsAtFinish() throws Exception {
        DatasetPath fs = fs("sendfail");
        SendStream s = zfs.send(SendArgs.full(fs, "nope", SendFlags.NONE));
        assertEquals(0, s.stream().readAllBytes().length);
        ZfsException e = assertThrows(DatasetNotFoundException.class, s::finish);
        assertEquals("send", e.verb());
        assertThrows(DatasetNotFoundException.class, s::finish);   // idempotent
        s.close();
        assertEquals(new Rec("send", 1), metered.get(metered.size() - 1));
    }

    /** Delivers {@code limit} bytes of a stream, then fails like a dropped connection. */
    static final class FailingAfter extends InputStream {
        private final InputStream in;
        private long left;

        FailingAfter(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("connection lost");
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
