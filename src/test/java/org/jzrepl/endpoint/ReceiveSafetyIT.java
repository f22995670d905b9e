package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.Messages.FilesystemEntry;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.rpc.Streamed;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Property;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.Zfs;

/**
 * What a hostile or careless sender's properties ({@code zfs send -p}) do on the receiving host:
 * with the default {@code recv} config nothing received mounts on {@code zfs mount -a}, nothing is
 * shared, setuid and device files are off; the opt-out {@code recv.safe_mount: false} restores what
 * the stream says. {@code zfs mount -a} runs in a private mount namespace of the guest, so it
 * cannot disturb other test classes' pools.
 */
@Timeout(300)
class ReceiveSafetyIT {

    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();

    static final String JOB = "pull1";
    static final String SINK = "sink1";
    static final ReplicationConfig RESUMABLE = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_RESUMABILITY,
            ProtectionGuarantee.GUARANTEE_RESUMABILITY);
    static final SendFlags PROPS = new SendFlags(false, true, false, false, false, false);
    static final SendFlags RAW_PROPS = new SendFlags(true, true, false, false, false, false);
    static final List<String> WATCHED = List.of("canmount", "mountpoint", "setuid", "devices", "readonly", "sharenfs",
            "sharesmb", "mounted");

    static Zfs zfs;
    static DatasetPath src;
    static DatasetPath pullRoot;
    static DatasetPath sinkRoot;

    @BeforeAll
    static void datasets() throws Exception {
        zfs = TESTBED.zfs();
        src = TESTBED.path("src");
        pullRoot = TESTBED.path("pulled");
        sinkRoot = TESTBED.path("sink");
        for (DatasetPath p : List.of(src, pullRoot, sinkRoot)) {
            zfs.create(p, Map.of(), false);
        }
    }

    /** Removes the mountpoint directories zfs mount -a may have made (empty: the mounts were namespaced). */
    @AfterAll
    static void mountpointDirectories() {
        TESTBED.guest("rmdir /tmp/*-" + TESTBED.pool().name() + " 2>/dev/null || true");
    }

    /** A per-pool path under /tmp, so parallel classes never share one. */
    private static String pwn(String name) {
        return "/tmp/" + name + "-" + TESTBED.pool().name();
    }

    /**
     * A filesystem that asks to be mounted at {@code mountpoint}, shared, with setuid and devices,
     * left unmounted here (so only the receiver's copy could appear at the mountpoint), snapshotted.
     */
    private static void hostile(DatasetPath fs, String mountpoint, Map<String, String> extra, String snap)
            throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("canmount", "noauto");
        props.put("mountpoint", mountpoint);
        props.put("setuid", "on");
        props.put("devices", "on");
        props.put("sharenfs", "on");
        props.putAll(extra);
        zfs.create(fs, props, false);
        onButUnmounted(fs);   // on only now: creating it so would have mounted and shared it
        zfs.snapshot(fs, snap);
    }

    private static void onButUnmounted(DatasetPath fs) throws IOException {
        zfs.set(fs, Map.of("canmount", "on"));
        TESTBED.guest("zfs umount " + ZfsTestbed.quote(fs.name()) + " 2>/dev/null || true");
    }

    private static Version version(DatasetPath fs, String snap) throws IOException {
        return zfs.listTree(fs).get(0).versions().stream().filter(v -> v.isSnapshot() && v.name().equals(snap))
                .map(Version::of).findFirst().orElseThrow();
    }

    private static ZfsSender sender(SendFlags flags) {
        return new ZfsSender(zfs, JOB, FilesystemFilter.of(Map.of(src.name() + "<", true)), flags);
    }

    /** One step over RPC into {@code receiver} (the sender remote, as in a pull). */
    private static void pull(SendFlags flags, Receiver receiver, DatasetPath fs, Version from, Version to)
            throws Exception {
        SendRequest req = new SendRequest(fs.name(), from, to, null, RESUMABLE);
        try (RpcPair<Sender> pair = new RpcPair<>(Sender.class, sender(flags))) {
            Sender remote = pair.client(Sender.class);
            try (Streamed<SendResponse> s = remote.send(req)) {
                receiver.receive(new ReceiveRequest(fs.name(), from, to, true, RESUMABLE), s.stream());
            }
            remote.sendCompleted(new SendCompletedRequest(req));
        }
    }

    /** {@code zfs mount -a} in a private mount namespace, then that namespace's mounts and mounted flags. */
    private static String mountAllAndShow() {
        return TESTBED.guest("unshare --mount --propagation private sh -c 'zfs mount -a >&2 || true; "
                + "echo MOUNTS; cat /proc/self/mounts; echo MOUNTED; zfs get -H -r -o name,value mounted "
                + TESTBED.pool().name() + "'");
    }

    private static Map<String, Property> props(DatasetPath ds) throws IOException {
        return zfs.get(ds.name(), WATCHED);
    }

    private static void assertSafe(DatasetPath target, String mountpoint) throws IOException {
        String shown = mountAllAndShow();      // the sender's own dataset, canmount=on, does mount there
        assertFalse(shown.contains("\n" + target.name() + " "), target + " not mounted at all:\n" + shown);
        assertTrue(shown.contains("\n" + target.name() + "\tno\n"), "not mounted after zfs mount -a:\n" + shown);
        Map<String, Property> p = props(target);
        assertEquals("no", p.get("mounted").value());
        assertEquals("noauto", p.get("canmount").value(), p.toString());
        assertEquals("off", p.get("setuid").value(), p.toString());
        assertEquals("off", p.get("devices").value(), p.toString());
        assertEquals("on", p.get("readonly").value(), p.toString());
        assertEquals("off", p.get("sharenfs").value(), p.toString());
        assertEquals("off", p.get("sharesmb").value(), p.toString());
        assertEquals(mountpoint, p.get("mountpoint").value(), "the mountpoint stays as received, for a restore");
        assertEquals("received", p.get("mountpoint").source(), p.toString());
        String exports = TESTBED.guest("cat /etc/exports /etc/exports.d/* 2>/dev/null || true");
        assertFalse(exports.contains(target.name()) || exports.contains(mountpoint), "not exported:\n" + exports);
    }

    @Test
    void aHostileFilesystemPulledWithItsPropertiesNeitherMountsNorSharesEvenAfterAnIncremental() throws Exception {
        DatasetPath fs = src.child("evil");
        String mountpoint = pwn("pwn");
        hostile(fs, mountpoint, Map.of(), "s1");
        ZfsReceiver receiver = ZfsReceiver.forPull(zfs, JOB, pullRoot, RecvOptions.DEFAULT);
        DatasetPath target = pullRoot.resolve(fs);

        pull(PROPS, receiver, fs, null, version(fs, "s1"));
        assertSafe(target, mountpoint);
        for (DatasetPath placeholder : List.of(pullRoot.child(TESTBED.pool().name()), pullRoot.resolve(src))) {
            Map<String, Property> p = zfs.get(placeholder.name(), List.of("canmount", "mountpoint"));
            assertEquals("noauto", p.get("canmount").value(), placeholder.name());
            assertEquals("none", p.get("mountpoint").value(), placeholder.name());
        }

        String moved = pwn("pwn2");
        zfs.set(fs, Map.of("canmount", "noauto"));     // a new mountpoint would mount (and share) it
        zfs.set(fs, Map.of("mountpoint", moved));
        onButUnmounted(fs);
        zfs.snapshot(fs, "s2");
        pull(PROPS, receiver, fs, version(fs, "s1"), version(fs, "s2"));
        assertSafe(target, moved);
    }

    @Test
    void aResumedReceiveIsSafeToo() throws Exception {
        DatasetPath fs = src.child("big");
        String mountpoint = pwn("pwnbig");
        hostile(fs, mountpoint, Map.of(), "b0");
        zfs.set(fs, Map.of("canmount", "noauto"));
        TESTBED.writeRandom(fs, "big.bin", 3);      // mounts it at the testbed's own mountpoint
        TESTBED.guest("zfs umount " + ZfsTestbed.quote(fs.name()));
        zfs.set(fs, Map.of("mountpoint", mountpoint));
        onButUnmounted(fs);
        zfs.snapshot(fs, "b1");
        ZfsReceiver receiver = ZfsReceiver.forPull(zfs, JOB, pullRoot, RecvOptions.DEFAULT);
        DatasetPath target = pullRoot.resolve(fs);
        Version b1 = version(fs, "b1");
        SendRequest full = new SendRequest(fs.name(), null, b1, null, RESUMABLE);
        try (RpcPair<Sender> pair = new RpcPair<>(Sender.class, sender(PROPS))) {
            Sender remote = pair.client(Sender.class);
            try (Streamed<SendResponse> s = remote.send(full)) {
                assertThrows(IOException.class, () -> receiver.receive(new ReceiveRequest(fs.name(), null, b1, true,
                        RESUMABLE), new EndpointIT.BreaksAfter(s.stream(), 1 << 20)));
            }
            FilesystemEntry partial = receiver.listFilesystems().filesystems().stream()
                    .filter(e -> e.path().equals(fs.name())).findFirst().orElseThrow();
            String token = partial.resumeToken().token();
            SendRequest resume = new SendRequest(fs.name(), null, b1, token, RESUMABLE);
            try (Streamed<SendResponse> s = remote.send(resume)) {
                assertTrue(s.value().usedResumeToken());
                receiver.receive(new ReceiveRequest(fs.name(), null, b1, false, RESUMABLE), s.stream());
            }
            remote.sendCompleted(new SendCompletedRequest(resume));
        }
        assertSafe(target, mountpoint);
    }

    @Test
    void aRawEncryptedStreamWithPropertiesIntoASinkIsSafeOnceTheKeyIsLoaded() throws Exception {
        DatasetPath enc = src.child("enc");
        String key = TESTBED.keyLocation("correct horse battery");
        String mountpoint = pwn("pwnenc");
        hostile(enc, mountpoint, Map.of("encryption", "aes-256-gcm", "keyformat", "passphrase",
                "keylocation", key), "e1");
        Version e1 = version(enc, "e1");
        ZfsReceiver sink = ZfsReceiver.forSink(zfs, SINK, sinkRoot, "client1", RecvOptions.DEFAULT);
        SendRequest req = new SendRequest(enc.name(), null, e1, null, RESUMABLE);
        ZfsSender rawSender = sender(RAW_PROPS);
        try (RpcPair<Receiver> pair = new RpcPair<>(Receiver.class, sink)) {
            Receiver remote = pair.client(Receiver.class);
            try (Streamed<SendResponse> s = rawSender.send(req)) {
                remote.receive(new ReceiveRequest(enc.name(), null, e1, true, RESUMABLE), s.stream());
            }
            rawSender.sendCompleted(new SendCompletedRequest(req));
        }
        DatasetPath target = sinkRoot.child("client1").resolve(enc);
        TESTBED.guest("zfs load-key -L " + ZfsTestbed.quote(key) + " " + ZfsTestbed.quote(target.name()));
        assertSafe(target, mountpoint);
    }

    @Test
    void aVolumeSentWithItsPropertiesIsReceivedWithoutFilesystemOptions() throws Exception {
        DatasetPath vol = src.child("vol");
        TESTBED.guest("zfs create -V 4M -o volmode=none " + ZfsTestbed.quote(vol.name())
                + " && zfs snapshot " + ZfsTestbed.quote(vol.name() + "@v1"));
        ZfsReceiver receiver = ZfsReceiver.forPull(zfs, JOB, pullRoot, RecvOptions.DEFAULT);
        pull(PROPS, receiver, vol, null, version(vol, "v1"));
        TESTBED.guest("zfs snapshot " + ZfsTestbed.quote(vol.name() + "@v2"));
        pull(PROPS, receiver, vol, version(vol, "v1"), version(vol, "v2"));
        DatasetPath target = pullRoot.resolve(vol);
        assertEquals("volume", zfs.get(target.name(), List.of("type")).get("type").value());
        assertEquals(List.of("v1", "v2"), zfs.listTree(target).get(0).snapshots().stream().map(v -> v.name()).toList());
    }

    @Test
    void theOptOutLetsTheStreamDecideAsBefore() throws Exception {
        DatasetPath fs = src.child("trusted");
        String mountpoint = pwn("trusted");
        hostile(fs, mountpoint, Map.of("sharenfs", "off"), "t1");   // no NFS server needed
        ZfsReceiver receiver = ZfsReceiver.forPull(zfs, JOB, pullRoot, RecvOptions.DEFAULT.withSafeMount(false));
        pull(PROPS, receiver, fs, null, version(fs, "t1"));
        DatasetPath target = pullRoot.resolve(fs);
        Map<String, Property> p = props(target);
        assertEquals("on", p.get("canmount").value(), p.toString());
        assertEquals("on", p.get("setuid").value(), p.toString());
        String shown = mountAllAndShow();
        assertTrue(shown.contains("\n" + target.name() + " " + mountpoint + " zfs rw"),
                "mounted as the stream asked:\n" + shown);
    }
}
