package org.jzrepl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.daemon.control.ControlClient;
import org.jzrepl.daemon.control.ControlHandler;
import org.jzrepl.daemon.control.ControlServer;
import org.jzrepl.daemon.control.SignalOp;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.endpoint.ZfsReceiver;
import org.jzrepl.endpoint.ZfsSender;
import org.jzrepl.job.PruneDryRun;
import org.jzrepl.pruning.KeepLastN;
import org.jzrepl.pruning.KeepNotReplicated;
import org.jzrepl.pruning.PruneReport.Side;
import org.jzrepl.pruning.PruneSettings;
import org.jzrepl.pruning.Pruner;
import org.jzrepl.pruning.SideDryRun;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.zfs.InMemoryZfs;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.SendFlags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jzrepl prune --dry-run}: a real plan (a source serving two clients, the pull job of one of
 * them pruning the sender) crosses the control socket as JSON and is rendered as text; peer text
 * in names and reasons is escaped.
 */
class PruneDryRunTest {

    private static final DatasetPath FS = DatasetPath.parse("pool/data");
    private static final ReplicationConfig NOTHING = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_NOTHING,
            ProtectionGuarantee.GUARANTEE_NOTHING);
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path tmp;

    private static FilesystemVersion snap(InMemoryZfs zfs, String name) throws Exception {
        return zfs.dataset(FS).orElseThrow().versions().stream().filter(v -> v.isSnapshot() && v.name().equals(name))
                .findFirst().orElseThrow();
    }

    /** Pool "pool/data" with s1..s5; alice has s1..s4, bob s1..s2; the pull job of alice plans the sender. */
    private SideDryRun aliceSenderPlan() throws Exception {
        InMemoryZfs source = new InMemoryZfs();
        source.create(FS, Map.of(), true);
        for (String s : List.of("s1", "s2", "s3", "s4", "s5")) {
            source.snapshot(FS, s);
        }
        ZfsSender job = new ZfsSender(source, "src", FilesystemFilter.of(Map.of("pool<", true)), SendFlags.NONE);
        InMemoryZfs alicePool = new InMemoryZfs();
        DatasetPath root = DatasetPath.parse("back");
        alicePool.create(root.child("pool").child("data"), Map.of(), true);
        String prev = null;
        for (String s : List.of("s1", "s2", "s3", "s4")) {
            FilesystemVersion v = snap(source, s);
            alicePool.received(root.child("pool").child("data"), s, v.guid(), v.creation());
            job.forClient("alice").sendCompleted(new SendCompletedRequest(new SendRequest(FS.name(),
                    prev == null ? null : Version.of(snap(source, prev)), Version.of(v), null, NOTHING)));
            prev = s;
        }
        job.forClient("bob").sendCompleted(new SendCompletedRequest(new SendRequest(FS.name(), null,
                Version.of(snap(source, "s2")), null, NOTHING)));
        ZfsReceiver alice = ZfsReceiver.forPull(alicePool, "pull_alice", root, RecvOptions.DEFAULT);
        Pruner p = Pruner.sender(job.forClient("alice"), alice, "job pull_alice",
                List.of(new KeepNotReplicated(false), new KeepLastN(1, Pattern.compile(".*"))), PruneSettings.DEFAULT,
                (d, wake) -> false);
        return SideDryRun.of(Side.SENDER, p, null);
    }

    private JsonNode overTheControlSocket(Object answer) throws Exception {
        ControlHandler h = new ControlHandler() {
            @Override
            public Object status() {
                return Map.of();
            }

            @Override
            public String version() {
                return "test";
            }

            @Override
            public void signal(String job, SignalOp op) {
            }

            @Override
            public Object pruneDryRun(String job, String filesystem) {
                return answer;
            }
        };
        Path dir = tmp.resolve("run");
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (ControlServer server = ControlServer.start(dir.resolve("control"), h, json, Runners.shared())) {
            return new ControlClient(dir.resolve("control"), Duration.ofSeconds(10), json).pruneDryRun("pull_alice", null);
        }
    }

    @Test
    void aRealPlanCrossesTheControlSocketAndReadsAsText() throws Exception {
        SideDryRun side = aliceSenderPlan();
        String text = PrunePlanText.render(overTheControlSocket(Map.of("jobs",
                List.of(new PruneDryRun("pull_alice", List.of(side))))));
        assertEquals("""
                job pull_alice, sender side:
                  pool: 0 to destroy, 0 kept
                  pool/data: 1 to destroy, 4 kept
                    destroy @s1
                    keep    @s2: protected (the rules would destroy it): replication cursor of client bob of job src
                    keep    @s3: rule 1 (not_replicated): not replicated yet
                    keep    @s4: rule 1 (not_replicated): not replicated yet; also protected: replication cursor of \
                client alice of job src; incremental base of client job pull_alice (its newest snapshot the sender has)
                    keep    @s5: rule 1 (not_replicated): not replicated yet; rule 2 (last_n): newest #1 of 1
                """, text);
    }

    @Test
    void escapesPeerTextAndSaysWhyASideOrFilesystemIsNotPlanned() throws Exception {
        String hostile = "{\"jobs\":[{\"job\":\"j\",\"sides\":[{\"side\":\"RECEIVER\",\"filesystems\":["
                + "{\"filesystem\":\"pool/x\\u001b[2J\",\"destroy\":[\"a\\nb\"],\"kept\":[],\"protectedSnapshots\":[],"
                + "\"skipped\":null},"
                + "{\"filesystem\":\"pool/y\",\"destroy\":[],\"kept\":[],\"protectedSnapshots\":[],"
                + "\"skipped\":\"placeholder: never pruned\"}],\"error\":null},"
                + "{\"side\":\"SENDER\",\"filesystems\":[],\"error\":\"connecting: refused\"}]}]}";
        String text = PrunePlanText.render(json.readTree(hostile));
        assertFalse(text.contains("\u001b"), text);
        assertFalse(text.contains("a\nb"), text);
        assertTrue(text.contains("  pool/y: skipped, placeholder: never pruned\n"), text);
        assertTrue(text.contains("job j, sender side:\n  cannot plan: connecting: refused\n"), text);
    }

    @Test
    void noPruningJobSaysSo() throws Exception {
        assertEquals("no job prunes (only pull, push and snap jobs with keep rules do)\n",
                PrunePlanText.render(json.readTree("{\"jobs\":[]}")));
    }

    @Test
    void theCommandRequiresDryRunAndSaysWhyWithoutTouchingTheDaemon() {
        CliRun r = CliRun.of("prune", "--job", "pull_alice");
        assertEquals(ExitCode.USAGE_OR_CONFIG.code(), r.exit(), r.err());
        assertTrue(r.err().contains("--dry-run"), r.err());
    }
}
