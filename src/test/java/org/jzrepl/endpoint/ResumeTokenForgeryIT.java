package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.rpc.Streamed;
import org.jzrepl.testing.zfs.TokenForge;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.Zfs;

/**
 * A resume token forged from a genuine one on real ZFS: its toguid is the guid of a snapshot in a
 * dataset the sender does not serve, its toname names the allowed snapshot followed by a raw
 * newline and a fake {@code toguid} line. zfs resolves such a token by its real toguid across the
 * whole pool and would stream the other dataset; the sender (filter: only {@code allowed}) must
 * refuse it before {@code zfs send} runs, and still resume with the genuine token.
 */
@Timeout(300)
class ResumeTokenForgeryIT {

    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();

    static final String MARKER = "JZREPL-SECRET-MARKER-7f3a9c";
    static final ReplicationConfig NOTHING = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_NOTHING,
            ProtectionGuarantee.GUARANTEE_NOTHING);
    /** A send under this config would hold its snapshot: none may appear for a refused one. */
    static final ReplicationConfig RESUMABLE = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_RESUMABILITY,
            ProtectionGuarantee.GUARANTEE_RESUMABILITY);

    static Zfs zfs;
    static DatasetPath allowed;
    static DatasetPath secret;
    static Version allowedA;
    static Guid secretX;
    static String genuine;

    @BeforeAll
    static void interruptedReceive() throws Exception {
        zfs = TESTBED.zfs();
        allowed = TESTBED.path("allowed");
        secret = TESTBED.path("secret");
        DatasetPath partial = TESTBED.path("partial");
        zfs.create(allowed, Map.of(), false);
        zfs.create(secret, Map.of(), false);
        TESTBED.writeRandom(allowed, "data.bin", 2);
        // Same first file as allowed, then the marker: resuming at allowed's interruption point
        // (an offset inside the first file) still streams all of the marker file.
        TESTBED.writeRandom(secret, "data.bin", 3);
        TESTBED.writeFile(secret, "marker.txt", (MARKER + "\n").repeat(200).getBytes(StandardCharsets.US_ASCII));
        zfs.snapshot(allowed, "a");
        zfs.snapshot(secret, "x");
        TESTBED.guest("zfs send " + allowed.name() + "@a | head -c 600000 | zfs recv -s " + partial.name() + " || true");
        genuine = zfs.listTree(partial).get(0).resumeToken().orElseThrow();
        allowedA = zfs.listTree(allowed).get(0).versions().stream().filter(v -> v.name().equals("a"))
                .map(Version::of).findFirst().orElseThrow();
        secretX = zfs.listTree(secret).get(0).snapshots().get(0).guid();
    }

    private static ZfsSender sender() {
        return new ZfsSender(zfs, "job", FilesystemFilter.of(Map.of(allowed.name(), true)), SendFlags.NONE);
    }

    /** {@code genuine} with secret's toguid, an injected toname, and the given resume point. */
    private static String forge(long object, long offset, long bytes) {
        String toname = allowed.name() + "@a\n\ttoguid = 0x" + Long.toHexString(allowedA.toVersion().guid().value());
        return TokenForge.token(new TokenForge.NvList().uint64("object", object).uint64("offset", offset)
                .uint64("bytes", bytes).uint64("toguid", secretX.value()).string("toname", toname).bytes());
    }

    private static String forgedAtTheGenuineResumePoint() {
        Map<String, Object> nv = TokenForge.contents(genuine);
        assertEquals(List.of("object", "offset", "bytes", "toguid", "toname"), List.copyOf(nv.keySet()));
        return forge((Long) nv.get("object"), (Long) nv.get("offset"), (Long) nv.get("bytes"));
    }

    @Test
    void theGenuineTokenResumesThroughTheSender() throws Exception {
        Map<String, Object> nv = TokenForge.contents(genuine);
        assertEquals(allowed.name() + "@a", nv.get("toname"));
        assertEquals(allowedA.toVersion().guid().value(), nv.get("toguid"));
        SendResponse r = sender().sendDry(new SendRequest(allowed.name(), null, allowedA, genuine, NOTHING));
        assertTrue(r.usedResumeToken());
        assertTrue(r.expectedSize() > 0 && r.expectedSize() < 2 << 20, "only the rest: " + r.expectedSize());
    }

    @Test
    void zfsResolvesTheForgedTokenToTheSecretSnapshotAndWouldStreamIt() {
        String forged = forgedAtTheGenuineResumePoint();
        String printed = TESTBED.guest("zfs send -n -v -P -t " + ZfsTestbed.quote(forged));
        assertEquals(2, printed.split("\n\ttoguid = ", -1).length - 1, "zfs prints the injected toguid line:\n"
                + printed);
        assertTrue(printed.contains("\nfull\t" + secret.name() + "@x\t"), printed);

        for (String token : List.of(forged, forge(0, 0, 0))) {
            String leaked = TESTBED.guest("zfs send -t " + ZfsTestbed.quote(token) + " | grep -ac " + MARKER
                    + " || true").strip();
            assertTrue(Integer.parseInt(leaked) > 0, "zfs streams the secret dataset's marker");
        }
    }

    @Test
    void theSenderRefusesTheForgedTokenBeforeZfsSendRuns() throws Exception {
        try (RpcPair<Sender> pair = new RpcPair<>(Sender.class, sender())) {
            Sender remote = pair.client(Sender.class);
            for (String forged : List.of(forgedAtTheGenuineResumePoint(), forge(0, 0, 0))) {
                EndpointException e = assertThrows(EndpointException.class, () -> {
                    try (Streamed<SendResponse> s = remote.send(new SendRequest(allowed.name(), null, allowedA,
                            forged, RESUMABLE))) {
                        byte[] stream = s.stream().readAllBytes();
                        assertFalse(new String(stream, StandardCharsets.ISO_8859_1).contains(MARKER),
                                "the secret dataset was streamed");
                    }
                });
                assertEquals(EndpointException.BAD_RESUME_TOKEN, e.code(), e.getMessage());
                assertTrue(e.getMessage().contains("control characters"), e.getMessage());
            }
            assertEquals("after", remote.ping(new Messages.PingRequest("after")).echo(), "connection still usable");
        }
        assertEquals(List.of(), zfs.holds(allowed, "a"), "nothing protected for a refused send");
    }
}
