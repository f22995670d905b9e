package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.PlaceholderEncryption;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.Messages.FilesystemEntry;
import org.jzrepl.endpoint.Messages.FilesystemRequest;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.rpc.Streamed;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.VersionRef;
import org.jzrepl.zfs.Zfs;

/**
 * The endpoints on real ZFS, served over a real RPC connection in-process: a pull (remote
 * sender, local receiver) and a push into a sink (local sender, remote receiver).
 */
@Timeout(300)
class EndpointIT {

    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();

    static final String JOB = "pull1";
    static final ReplicationConfig RESUMABLE = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_RESUMABILITY,
            ProtectionGuarantee.GUARANTEE_RESUMABILITY);
    static final ReplicationConfig INCREMENTAL = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_RESUMABILITY,
            ProtectionGuarantee.GUARANTEE_INCREMENTAL);

    static Zfs zfs;
    static DatasetPath src;
    static DatasetPath pullRoot;
    static DatasetPath sinkRoot;
    static FilesystemFilter filter;

    @BeforeAll
    static void datasets() throws Exception {
        zfs = TESTBED.zfs();
        src = TESTBED.path("src");
        pullRoot = TESTBED.path("pulled");
        sinkRoot = TESTBED.path("sink");
        for (DatasetPath p : List.of(src, pullRoot, sinkRoot, src.child("secret"))) {
            zfs.create(p, Map.of(), false);
        }
        Map<String, Boolean> patterns = new LinkedHashMap<>();
        patterns.put(src.name() + "<", true);
        patterns.put(src.child("secret").name(), false);
        filter = FilesystemFilter.of(patterns);
    }

    private static ZfsSender sender(SendFlags flags) {
        return new ZfsSender(zfs, JOB, filter, flags);
    }

    private static Version version(DatasetPath fs, String snap) throws IOException {
        return zfs.listTree(fs).get(0).versions().stream().filter(v -> v.isSnapshot() && v.name().equals(snap))
                .map(Version::of).findFirst().orElseThrow();
    }

    private static SendRequest request(DatasetPath fs, Version from, Version to, String token, ReplicationConfig c) {
        return new SendRequest(fs.name(), from, to, token, c);
    }

    /** One replication step: send, receive, confirm. */
    private static SendResponse step(Sender sender, Receiver receiver, SendRequest req) throws Exception {
        SendResponse r;
        try (Streamed<SendResponse> s = sender.send(req)) {
            r = s.value();
            receiver.receive(new ReceiveRequest(req.filesystem(), req.from(), req.to(), !r.usedResumeToken(),
                    req.replicationConfig()), s.stream());
        }
        sender.sendCompleted(new SendCompletedRequest(req));
        return r;
    }

    private static List<String> holds(DatasetPath fs, String snap) throws IOException {
        return zfs.holds(fs, snap);
    }

    private static List<String> bookmarks(DatasetPath fs) throws IOException {
        return zfs.listTree(fs).get(0).bookmarks().stream().map(v -> v.name()).toList();
    }

    private static String poolListing() {
        return TESTBED.guest("zfs list -H -o name -t all -r " + TESTBED.pool().name());
    }

    @Test
    void pullFullThenIncrementalMovesCursorsAndHolds() throws Exception {
        DatasetPath fs = src.child("data");
        zfs.create(fs, Map.of(), false);
        TESTBED.writeRandom(fs, "a.bin", 1);
        zfs.snapshot(fs, "s1");
        TESTBED.writeRandom(fs, "b.bin", 1);
        zfs.snapshot(fs, "s2");
        ZfsReceiver receiver = ZfsReceiver.forPull(zfs, JOB, pullRoot, RecvOptions.DEFAULT);
        DatasetPath target = pullRoot.resolve(fs);
        try (RpcPair<Sender> pair = new RpcPair<>(Sender.class, sender(SendFlags.NONE))) {
            Sender remote = pair.client(Sender.class);
            List<String> served = remote.listFilesystems().filesystems().stream().map(FilesystemEntry::path).toList();
            assertTrue(served.contains(fs.name()), served.toString());
            assertFalse(served.contains(src.child("secret").name()), served.toString());

            Version s1 = version(fs, "s1");
            Version s2 = version(fs, "s2");
            SendResponse full = step(remote, receiver, request(fs, null, s1, null, RESUMABLE));
            assertFalse(full.usedResumeToken());
            assertTrue(full.expectedSize() > 1_000_000, "estimate " + full.expectedSize());

            assertEquals(s1.guid(), remote.replicationCursor(new FilesystemRequest(fs.name())).guid());
            assertEquals(List.of(AbstractionNames.cursor(Guid.parse(s1.guid()), JOB)), bookmarks(fs));
            assertEquals(List.of(), holds(fs, "s1"), "step holds released");
            assertEquals(List.of(AbstractionNames.lastReceivedHold(JOB)), holds(target, "s1"));
            assertEquals(s1.guid(), zfs.get(target.name() + "@s1", List.of("guid")).get("guid").value());
            for (DatasetPath placeholder : List.of(pullRoot.child(TESTBED.pool().name()), pullRoot.resolve(src))) {
                assertEquals("on", zfs.get(placeholder.name(), List.of("jzrepl:placeholder"))
                        .get("jzrepl:placeholder").value(), placeholder.name());
            }
            List<FilesystemEntry> received = receiver.listFilesystems().filesystems();
            assertTrue(received.stream().anyMatch(e -> e.path().equals(fs.name()) && !e.placeholder()), received.toString());
            assertTrue(received.stream().anyMatch(e -> e.path().equals(src.name()) && e.placeholder()), received.toString());

            try (Streamed<SendResponse> s = remote.send(request(fs, s1, s2, null, INCREMENTAL))) {
                assertTrue(bookmarks(fs).contains(AbstractionNames.tentativeCursor(Guid.parse(s2.guid()), JOB)),
                        "tentative cursor on to while the step runs: " + bookmarks(fs));
                assertEquals(List.of(), holds(fs, "s2"), "guarantee_incremental places no holds");
                receiver.receive(new ReceiveRequest(fs.name(), s1, s2, true, INCREMENTAL), s.stream());
            }
            remote.sendCompleted(new SendCompletedRequest(request(fs, s1, s2, null, INCREMENTAL)));
            assertEquals(List.of(AbstractionNames.cursor(Guid.parse(s2.guid()), JOB)), bookmarks(fs),
                    "new cursor only: old cursor and tentative destroyed");
            assertEquals(List.of(AbstractionNames.lastReceivedHold(JOB)), holds(target, "s2"));
            assertEquals(List.of(), holds(target, "s1"), "last-received hold moved off the older snapshot");
            assertEquals(TESTBED.checksum(fs, "s2"), TESTBED.checksum(target, "s2"));

            List<Messages.DestroyResult> destroyed = receiver.destroySnapshots(
                    new Messages.DestroySnapshotsRequest(fs.name(), List.of("s1", "s2"))).results();
            assertNull(destroyed.get(0).error(), destroyed.toString());
            assertNotNull(destroyed.get(1).error(), "the newest received snapshot stays: " + destroyed);
            assertEquals(List.of("s2"), zfs.listTree(target).get(0).snapshots().stream().map(v -> v.name()).toList());
        }
    }

    @Test
    void pullOfAFilesystemOutsideTheFilterIsRefused() throws Exception {
        DatasetPath secret = src.child("secret");
        zfs.snapshot(secret, "x");
        Version x = version(secret, "x");
        try (RpcPair<Sender> pair = new RpcPair<>(Sender.class, sender(SendFlags.NONE))) {
            Sender remote = pair.client(Sender.class);
            EndpointException e = assertThrows(EndpointException.class,
                    () -> remote.send(request(secret, null, x, null, RESUMABLE)));
            assertEquals(EndpointException.FILESYSTEM_NOT_ALLOWED, e.code());
            assertTrue(e.getMessage().contains(secret.name()), e.getMessage());
            e = assertThrows(EndpointException.class,
                    () -> remote.listFilesystemVersions(new FilesystemRequest(secret.name())));
            assertEquals(EndpointException.FILESYSTEM_NOT_ALLOWED, e.code());
            e = assertThrows(EndpointException.class, () -> remote.sendDry(request(TESTBED.path("pulled"), null, x,
                    null, RESUMABLE)));
            assertEquals(EndpointException.FILESYSTEM_NOT_ALLOWED, e.code());
            assertEquals("still works", remote.ping(new Messages.PingRequest("still works")).echo());
        }
        assertEquals(List.of(), holds(secret, "x"));
    }

    /** Fails like a dropped connection after {@code limit} bytes. */
    static final class BreaksAfter extends FilterInputStream {
        private long left;

        BreaksAfter(InputStream in, long limit) {
            super(in);
            left = limit;
        }

        @Override
        public int read() throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("connection lost (test)");
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** Gives every byte of the stream, then fails where it would end: a cut after zfs's end record. */
    static final class BreaksAtEnd extends FilterInputStream {
        BreaksAtEnd(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                throw new IOException("connection lost after the last byte (test)");
            }
            return n;
        }
    }

    @Test
    void aStreamCutAfterItsLastByteOrADeathBeforeTheHoldLeavesNoHoldBehind() throws Exception {
        DatasetPath fs = src.child("cutatend");
        zfs.create(fs, Map.of(), false);
        zfs.snapshot(fs, "c1");
        TESTBED.writeRandom(fs, "c.bin", 1);
        zfs.snapshot(fs, "c2");
        TESTBED.writeRandom(fs, "d.bin", 1);
        zfs.snapshot(fs, "c3");
        zfs.snapshot(fs, "c4");
        ZfsReceiver receiver = ZfsReceiver.forPull(zfs, JOB, pullRoot, RecvOptions.DEFAULT);
        DatasetPath target = pullRoot.resolve(fs);
        String tag = AbstractionNames.lastReceivedHold(JOB);
        Version c1 = version(fs, "c1");
        Version c2 = version(fs, "c2");
        try (RpcPair<Sender> pair = new RpcPair<>(Sender.class, sender(SendFlags.NONE))) {
            Sender remote = pair.client(Sender.class);
            step(remote, receiver, request(fs, null, c1, null, RESUMABLE));
            try (Streamed<SendResponse> s = remote.send(request(fs, c1, c2, null, RESUMABLE))) {
                IOException e = assertThrows(IOException.class, () -> receiver.receive(
                        new ReceiveRequest(fs.name(), c1, c2, true, RESUMABLE), new BreaksAtEnd(s.stream())));
                assertTrue(e.getMessage().contains("after the last byte"), e.getMessage());
            }
            assertEquals(c2.guid(), zfs.get(target.name() + "@c2", List.of("guid")).get("guid").value(),
                    "zfs had the whole stream");
            assertEquals(List.of(tag), holds(target, "c2"), "the snapshot that arrived whole is held");
            assertEquals(List.of(), holds(target, "c1"), "and the hold left the one before, or pruning never could");
            // a daemon that died between zfs recv and its hold: c3 arrives, the hold stays on c2
            TESTBED.guest("zfs send -i @c2 " + ZfsTestbed.quote(fs.name() + "@c3") + " | zfs recv -u "
                    + ZfsTestbed.quote(target.name()));
            assertEquals(List.of(tag), holds(target, "c2"));
            assertEquals(List.of(), holds(target, "c3"));
            step(remote, receiver, request(fs, version(fs, "c3"), version(fs, "c4"), null, RESUMABLE));
            assertEquals(List.of(tag), holds(target, "c4"));
            for (String older : List.of("c1", "c2", "c3")) {
                assertEquals(List.of(), holds(target, older), "the next receive released the hold left on @" + older);
            }
        }
    }

    @Test
    void interruptedStreamResumesWithTheTokenAndForgedTokensAreRefused() throws Exception {
        DatasetPath fs = src.child("big");
        DatasetPath other = src.child("other");
        zfs.create(fs, Map.of(), false);
        zfs.create(other, Map.of(), false);
        TESTBED.writeRandom(fs, "big.bin", 3);
        zfs.snapshot(fs, "b1");
        zfs.snapshot(other, "o1");
        ZfsReceiver receiver = ZfsReceiver.forPull(zfs, JOB, pullRoot, RecvOptions.DEFAULT);
        DatasetPath target = pullRoot.resolve(fs);
        Version b1 = version(fs, "b1");
        try (RpcPair<Sender> pair = new RpcPair<>(Sender.class, sender(SendFlags.NONE))) {
            Sender remote = pair.client(Sender.class);
            SendRequest full = request(fs, null, b1, null, RESUMABLE);
            try (Streamed<SendResponse> s = remote.send(full)) {
                assertThrows(IOException.class, () -> receiver.receive(
                        new ReceiveRequest(fs.name(), null, b1, true, RESUMABLE), new BreaksAfter(s.stream(), 1 << 20)));
            }
            assertEquals(List.of(AbstractionNames.stepHold(JOB)), holds(fs, "b1"), "the step hold stays for the resume");
            FilesystemEntry partial = receiver.listFilesystems().filesystems().stream()
                    .filter(e -> e.path().equals(fs.name())).findFirst().orElseThrow();
            assertNotNull(partial.resumeToken(), "resume token left by the interrupted receive");
            assertEquals(b1.guid(), partial.resumeToken().toGuid());
            String token = partial.resumeToken().token();

            Version o1 = version(other, "o1");
            EndpointException forged = assertThrows(EndpointException.class,
                    () -> remote.send(request(other, null, o1, token, RESUMABLE)));
            assertEquals(EndpointException.BAD_RESUME_TOKEN, forged.code());
            assertTrue(forged.getMessage().contains("not for filesystem " + other.name()), forged.getMessage());
            for (String garbage : List.of("1-deadbeef-c0ffee-12345678", "; rm -rf /", "x".repeat(70_000))) {
                EndpointException bad = assertThrows(EndpointException.class,
                        () -> remote.sendDry(request(fs, null, b1, garbage, RESUMABLE)));
                assertEquals(EndpointException.BAD_RESUME_TOKEN, bad.code(), bad.getMessage());
            }
            ZfsSender rawSender = sender(new SendFlags(true, false, false, false, false, false));
            EndpointException notRaw = assertThrows(EndpointException.class,
                    () -> rawSender.sendDry(request(fs, null, b1, token, RESUMABLE)));
            assertEquals(EndpointException.BAD_RESUME_TOKEN, notRaw.code());
            assertTrue(notRaw.getMessage().contains("non-raw"), notRaw.getMessage());

            SendResponse resumed = step(remote, receiver, request(fs, null, b1, token, RESUMABLE));
            assertTrue(resumed.usedResumeToken());
            assertTrue(resumed.expectedSize() < 3 << 20, "only the rest: " + resumed.expectedSize());
        }
        assertEquals(TESTBED.checksum(fs, "b1"), TESTBED.checksum(target, "b1"));
        assertEquals(List.of(), holds(fs, "b1"));
        assertNull(receiver.listFilesystems().filesystems().stream().filter(e -> e.path().equals(fs.name()))
                .findFirst().orElseThrow().resumeToken());
    }
}
