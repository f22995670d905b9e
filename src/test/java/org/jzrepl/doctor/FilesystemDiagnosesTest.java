package org.jzrepl.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.replication.plan.Diverged;
import org.jzrepl.replication.plan.FilesystemPlan;
import org.jzrepl.replication.plan.InitialReplicationRefused;
import org.jzrepl.replication.plan.NoCommonAncestor;
import org.jzrepl.replication.plan.NoSenderSnapshots;
import org.jzrepl.replication.plan.Outcome;
import org.jzrepl.replication.plan.ResumeTokenMismatch;
import org.jzrepl.replication.plan.Step;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.ResumeToken;
import org.jzrepl.zfs.VersionType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** One row per planner outcome: ok or not, the sentence, and the fixing command. */
class FilesystemDiagnosesTest {

    private static final DatasetPath FS = DatasetPath.parse("tank/data");
    private static final DatasetPath ROOT = DatasetPath.parse("backup/alice");
    private static final Function<DatasetPath, String> COPY = p -> ROOT.resolve(p).name();
    private static final FilesystemVersion S1 = snap("s1", 11, 1);
    private static final FilesystemVersion S2 = snap("s2", 12, 2);
    private static final FilesystemVersion S3 = snap("s3", 13, 3);
    private static final FilesystemVersion R3 = snap("mine", 99, 3);

    private static FilesystemVersion snap(String name, long guid, long txg) {
        return new FilesystemVersion(VersionType.SNAPSHOT, name, new Guid(guid), txg, Instant.ofEpochSecond(1_700_000_000L + txg));
    }

    private static FilesystemPlan plan(Outcome o) {
        return new FilesystemPlan(FS, Optional.empty(), o);
    }

    private static ResumeToken token(long toGuid) {
        return new ResumeToken("1-abc-def", "tank/data@s9", new Guid(toGuid), Optional.of(new Guid(11)),
                false, false, false, false);
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of(new Outcome.UpToDate(S2), true, "replicating, up to date at @s2", null),
                Arguments.of(new Outcome.Replicate(List.of(new Step(FS, Optional.of(S1), S2, Optional.empty()),
                        new Step(FS, Optional.of(S2), S3, Optional.empty()))), true,
                        "replicating, 2 steps behind (next: @s1 -> @s2, up to @s3); the next run of job pull sends them", null),
                Arguments.of(new Diverged(FS, S1, S1, List.of(S2), List.of(R3), List.of(S1, S2), List.of(S1, R3)), false,
                        "not replicating: the receiver has diverged, it has 1 snapshot newer than @s1 (the newest it shares"
                                + " with the sender) that the sender does not have; rolling back destroys it and what was"
                                + " written after @s1",
                        "zfs rollback -r backup/alice/tank/data@s1   (on this host)"),
                Arguments.of(new NoCommonAncestor(FS, List.of(S2), List.of(R3)), false,
                        "not replicating: no common snapshot, none of the receiver's snapshots has a guid the sender has"
                                + " (the copy was not received from this sender, or the sender destroyed every snapshot and"
                                + " bookmark they shared); rename or destroy the copy to start over",
                        "zfs rename backup/alice/tank/data backup/alice/tank/data.old   (on this host)"),
                Arguments.of(new ResumeTokenMismatch(FS, token(77), ResumeTokenMismatch.Reason.TO_NOT_ON_SENDER,
                        List.of(S1), List.of(S1)), false,
                        "not replicating: resume token stuck: the partial receive is for a snapshot the sender no longer"
                                + " has (the receiver's partial receive of tank/data@s9 cannot be resumed: the sender has no"
                                + " snapshot with its toguid 77); aborting it loses the partial data, received snapshots are kept",
                        "zfs recv -A backup/alice/tank/data   (on this host)"),
                Arguments.of(new ResumeTokenMismatch(FS, token(12), ResumeTokenMismatch.Reason.OTHER_FILESYSTEM,
                        List.of(S1), List.of(S1)), false,
                        "not replicating: resume token stuck: the receiver's partial receive of tank/data@s9 cannot be"
                                + " resumed: its resume token is not for this filesystem; aborting it loses the partial data,"
                                + " received snapshots are kept",
                        "zfs recv -A backup/alice/tank/data   (on this host)"),
                Arguments.of(new NoSenderSnapshots(FS, List.of(), List.of()), false,
                        "not replicating: the sender has no snapshot of it yet",
                        "zfs snapshot tank/data@manual_1   (on the sender), or give job pull (or the source job) a"
                                + " snapshotting schedule"),
                Arguments.of(new InitialReplicationRefused(FS, List.of(S1), List.of()), false,
                        "not replicating: the receiver has no copy and job pull has conflict_resolution.initial_replication: fail",
                        "set conflict_resolution: {initial_replication: most_recent} in job pull"));
    }

    @ParameterizedTest
    @MethodSource("outcomes")
    void eachPlannerOutcomeIsOneSentenceWithItsFix(Outcome outcome, boolean ok, String sentence, String fix) {
        Finding f = FilesystemDiagnoses.plan("pull", plan(outcome), COPY, "on this host");
        assertEquals("tank/data", f.subject());
        assertEquals(ok, f.ok());
        assertEquals(sentence, f.sentence());
        assertEquals(fix, f.fix());
    }

    @Test
    void aFilesystemThePushFilterExcludesSaysSoAndHowToInclude() {
        FilesystemFilter filter = FilesystemFilter.of(Map.of("tank<", true, "tank/data", false));
        Finding f = FilesystemDiagnoses.notOffered("push1", FS, Optional.of(filter));
        assertFalse(f.ok());
        assertEquals("not replicating: excluded by the filesystems filter of job push1", f.sentence());
        assertEquals("add \"tank/data\": true to filesystems of job push1 (check: jzrepl test filesystems --job push1"
                + " --input tank/data)", f.fix());
    }

    @Test
    void aFilesystemTheFilterSelectsButThatDoesNotExistIsNotCalledExcluded() {
        Finding f = FilesystemDiagnoses.notOffered("push1", FS, Optional.of(FilesystemFilter.ALL));
        assertEquals("not replicating: the filter of job push1 selects it but it does not exist on this host", f.sentence());
    }

    @Test
    void aFilesystemThePullsSourceDoesNotOfferPointsAtTheSourceHost() {
        Finding f = FilesystemDiagnoses.notOffered("pull", FS, Optional.empty());
        assertTrue(f.sentence().contains("the source does not offer it"), f.sentence());
        assertEquals("on the source host: jzrepl test filesystems --job SOURCE_JOB --input tank/data", f.fix());
    }

    @Test
    void aMissingRootFsIsOneFindingWithTheCreateCommand() {
        Finding missing = FilesystemDiagnoses.rootFs(ROOT, false);
        assertFalse(missing.ok());
        assertEquals("nothing can be received: root_fs backup/alice does not exist on this host", missing.sentence());
        assertEquals("zfs create -p backup/alice", missing.fix());
        assertTrue(FilesystemDiagnoses.rootFs(ROOT, true).ok());
    }

    @Test
    void namesFromZfsAreEscapedBeforeTheyReachTheTerminal() {
        Finding f = FilesystemDiagnoses.listingFailed(FS, "zfs said \u001b[2Jgone\nFAKE ok line");
        assertEquals("not replicating: zfs said \\x1b[2Jgone\\nFAKE ok line", f.sentence());
        assertFalse(f.line().contains("\n"));
    }
}
