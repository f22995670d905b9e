package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.rpc.Streamed;
import org.jzrepl.rpc.message.RpcRemoteException;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.Zfs;

/** A push into a sink served over RPC: the sink's confinement and raw encrypted sends. */
@Timeout(300)
class SinkIT {

    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();

    static final String PUSH = "push1";
    static final String SINK = "sink1";
    static final ReplicationConfig RESUMABLE = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_RESUMABILITY,
            ProtectionGuarantee.GUARANTEE_RESUMABILITY);

    static Zfs zfs;
    static DatasetPath src;
    static DatasetPath sinkRoot;

    /** Same endpoint names as {@link Receiver}, with requests a well-behaved client cannot build. */
    interface RawReceiver {
        void receive(RawReceiveRequest request, InputStream stream) throws IOException;

        Messages.ListVersionsResponse listFilesystemVersions(RawFilesystemRequest request) throws IOException;
    }

    record RawReceiveRequest(String filesystem, Version to, boolean clearResumeToken,
                             ReplicationConfig replicationConfig) {
    }

    record RawFilesystemRequest(String filesystem) {
    }

    @BeforeAll
    static void datasets() throws Exception {
        zfs = TESTBED.zfs();
        src = TESTBED.path("src");
        sinkRoot = TESTBED.path("sink");
        zfs.create(src, Map.of(), false);
        zfs.create(sinkRoot, Map.of(), false);
    }

    private static ZfsSender sender(boolean raw) {
        return new ZfsSender(zfs, PUSH, FilesystemFilter.of(Map.of(src.name() + "<", true)),
                new SendFlags(raw, false, false, false, false, false));
    }

    private static ZfsReceiver sink() {
        return ZfsReceiver.forSink(zfs, SINK, sinkRoot, "client1", RecvOptions.DEFAULT);
    }

    private static Version version(DatasetPath fs, String snap) throws IOException {
        return zfs.listTree(fs).get(0).versions().stream().filter(v -> v.isSnapshot() && v.name().equals(snap))
                .map(Version::of).findFirst().orElseThrow();
    }

    private static String poolListing() {
        return TESTBED.guest("zfs list -H -o name -t all -r " + TESTBED.pool().name());
    }

    @Test
    void namesEscapingTheClientRootAreRefusedAndNothingIsWritten() throws Exception {
        DatasetPath fs = src.child("plain");
        zfs.create(fs, Map.of(), false);
        TESTBED.writeFile(fs, "f.txt", "hello".getBytes());
        zfs.snapshot(fs, "p1");
        Version p1 = version(fs, "p1");
        String before = poolListing();
        ZfsSender local = sender(false);
        byte[] stream;
        try (Streamed<SendResponse> s = local.send(new SendRequest(fs.name(), null, p1, null, RESUMABLE))) {
            stream = s.stream().readAllBytes();     // a real, complete stream: were it received, it would show
        }
        try (RpcPair<Receiver> pair = new RpcPair<>(Receiver.class, sink())) {
            RawReceiver raw = pair.client(RawReceiver.class);
            for (String escape : List.of("../x", "a/../../b", "..", "a@b", "a#b", "a%b", "/abs", "a//b", "",
                    "x".repeat(256), "../../" + TESTBED.pool().name() + "/src")) {
                RpcRemoteException refused = assertThrows(RpcRemoteException.class, () -> raw.receive(
                        new RawReceiveRequest(escape, p1, true, RESUMABLE), new ByteArrayInputStream(stream)), escape);
                assertTrue(Set.of(RpcRemoteException.BAD_REQUEST, EndpointException.PATH_ESCAPES_ROOT)
                        .contains(refused.code()), refused.toString());
                RpcRemoteException e = assertThrows(RpcRemoteException.class,
                        () -> raw.listFilesystemVersions(new RawFilesystemRequest(escape)));
                assertTrue(Set.of(RpcRemoteException.BAD_REQUEST, EndpointException.PATH_ESCAPES_ROOT)
                        .contains(e.code()), e.toString());
            }
            local.sendCompleted(new SendCompletedRequest(new SendRequest(fs.name(), null, p1, null, RESUMABLE)));
        }
        String after = poolListing();
        assertEquals(before.replaceAll("(?m)^.*#jzrepl_CURSOR.*\n", ""), after.replaceAll("(?m)^.*#jzrepl_CURSOR.*\n", ""),
                "nothing written below the sink");
        assertTrue(after.contains(fs.name() + "#" + AbstractionNames.cursor(
                org.jzrepl.zfs.Guid.parse(p1.guid()), PUSH)), after);
    }

    @Test
    void encryptedDatasetGoesRawToASinkWithoutTheKey() throws Exception {
        DatasetPath enc = src.child("enc");
        String key = TESTBED.keyLocation("correct horse battery");
        zfs.create(enc, Map.of("encryption", "aes-256-gcm", "keyformat", "passphrase", "keylocation", key), false);
        TESTBED.writeRandom(enc, "secret.bin", 1);
        zfs.snapshot(enc, "e1");
        Version e1 = version(enc, "e1");
        SendRequest req = new SendRequest(enc.name(), null, e1, null, RESUMABLE);

        EndpointException plain = assertThrows(EndpointException.class, () -> sender(false).send(req));
        assertEquals(EndpointException.REFUSED, plain.code());
        assertTrue(plain.getMessage().contains("decrypted"), plain.getMessage());
        assertEquals(List.of(), zfs.holds(enc, "e1"), "a refused send protects nothing");

        ZfsSender rawSender = sender(true);
        try (RpcPair<Receiver> pair = new RpcPair<>(Receiver.class, sink())) {
            Receiver remote = pair.client(Receiver.class);
            try (Streamed<SendResponse> s = rawSender.send(req)) {
                remote.receive(new ReceiveRequest(enc.name(), null, e1, true, RESUMABLE), s.stream());
            }
            rawSender.sendCompleted(new SendCompletedRequest(req));
            var listed = remote.listFilesystems().filesystems().stream()
                    .filter(f -> f.path().equals(enc.name())).findFirst().orElseThrow();
            assertTrue(listed.encrypted() && !listed.placeholder(), listed.toString());
        }
        DatasetPath target = sinkRoot.child("client1").resolve(enc);
        var props = zfs.get(target.name(), List.of("encryption", "keystatus"));
        assertNotEquals("off", props.get("encryption").value());
        assertEquals("unavailable", props.get("keystatus").value());
        assertEquals(List.of(AbstractionNames.lastReceivedHold(SINK)), zfs.holds(target, "e1"));
        assertEquals("on", zfs.get(sinkRoot.child("client1").name(), List.of("jzrepl:placeholder"))
                .get("jzrepl:placeholder").value());

        TESTBED.guest("zfs load-key -L " + ZfsTestbed.quote(key) + " " + ZfsTestbed.quote(target.name()));
        assertEquals(TESTBED.checksum(enc, "e1"), TESTBED.checksum(target, "e1"));
    }
}
