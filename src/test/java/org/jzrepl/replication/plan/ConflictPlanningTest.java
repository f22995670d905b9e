package org.jzrepl.replication.plan;

import static org.jzrepl.replication.plan.Fixtures.receiver;
import static org.jzrepl.replication.plan.Fixtures.receiverWithToken;
import static org.jzrepl.replication.plan.Fixtures.sender;
import static org.jzrepl.replication.plan.Fixtures.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jzrepl.config.InitialReplication;

/** Every conflict type, with its exact message: both sides listed, the remedy named. */
class ConflictPlanningTest {

    private static final String RESUME_ADVICE = ". jzrepl does not discard a partial receive by itself: on the"
            + " receiver, run zfs recv -A ROOT/tank/data, ROOT being the receiving job's root_fs (a sink's"
            + " root_fs/<client identity>), to abort it (the partial data is lost, received snapshots are kept);"
            + " the next run then plans from the receiver's snapshots.";
    private static final String ABORT_ADVICE = RESUME_ADVICE
            + " Or set conflict_resolution.unresumable_partial_receive: abort and jzrepl does so itself.";

    static Stream<Arguments> conflicts() {
        return Stream.of(
                Arguments.of("noSenderSnapshotsWhenSenderHasOnlyBookmarks",
                        sender("#b1/1/10"), receiver("@s0/9/2"), InitialReplication.MOST_RECENT,
                        NoSenderSnapshots.class, """
                        tank/data: the sender has no snapshot of this filesystem; nothing can be replicated until \
                        one exists: create one on the sender (zfs snapshot tank/data@NAME) or let the job's \
                        snapshotting do it.
                          sender versions, oldest first (1):
                            #b1 (guid 1, txg 10)
                          receiver versions, oldest first (1):
                            @s0 (guid 9, txg 2)"""),
                Arguments.of("noSenderSnapshotsWhenSenderHasNoVersionsAndReceiverNothing",
                        sender(""), Optional.empty(), InitialReplication.ALL,
                        NoSenderSnapshots.class, """
                        tank/data: the sender has no snapshot of this filesystem; nothing can be replicated until \
                        one exists: create one on the sender (zfs snapshot tank/data@NAME) or let the job's \
                        snapshotting do it.
                          sender versions, oldest first (0):
                            (none)
                          receiver versions, oldest first (0):
                            (none)"""),
                Arguments.of("noCommonAncestorListsBothSides",
                        sender("@s2/2/20 @s1/1/10"), receiver("@x2/8/4 @x1/7/3"), InitialReplication.MOST_RECENT,
                        NoCommonAncestor.class, """
                        tank/data: no common snapshot or bookmark: none of the receiver's snapshots has a guid the \
                        sender has. The receiver's copy was not received from this sender, or the sender destroyed \
                        every snapshot and bookmark it had in common with it. jzrepl does not overwrite it: rename \
                        or destroy the receiver's copy to start over with an initial replication.
                          sender versions, oldest first (2):
                            @s1 (guid 1, txg 10)
                            @s2 (guid 2, txg 20)
                          receiver versions, oldest first (2):
                            @x1 (guid 7, txg 3)
                            @x2 (guid 8, txg 4)"""),
                Arguments.of("divergedReceiverNamesBothSides",
                        sender("@s1/1/10 @s2/2/20 @s3/3/30"),
                        receiver("@s1/1/3 @s2/2/4 @r3/33/5 #r4/44/6 @r4/44/6"), InitialReplication.MOST_RECENT,
                        Diverged.class, """
                        tank/data: the receiver has diverged: it has 2 snapshots newer than @s2 (guid 2), the newest \
                        one it shares with the sender, and the sender does not have them. To continue, roll the \
                        receiver's copy back on the receiver (zfs rollback -r <receiver's dataset>@s2); this \
                        destroys the receiver-only snapshots and everything written after them.
                          newest common: @s2 (guid 2, txg 20) on the sender, @s2 (guid 2, txg 4) on the receiver
                          receiver only, oldest first (2):
                            @r3 (guid 33, txg 5)
                            @r4 (guid 44, txg 6)
                          sender only, oldest first (1):
                            @s3 (guid 3, txg 30)
                          sender versions, oldest first (3):
                            @s1 (guid 1, txg 10)
                            @s2 (guid 2, txg 20)
                            @s3 (guid 3, txg 30)
                          receiver versions, oldest first (5):
                            @s1 (guid 1, txg 3)
                            @s2 (guid 2, txg 4)
                            @r3 (guid 33, txg 5)
                            #r4 (guid 44, txg 6)
                            @r4 (guid 44, txg 6)"""),
                Arguments.of("divergedWhenCommonIsSenderBookmarkAndSenderHasNothingNewer",
                        sender("@s0/5/5 #s1/1/10"), receiver("@s1/1/3 @local/9/4"), InitialReplication.MOST_RECENT,
                        Diverged.class, """
                        tank/data: the receiver has diverged: it has 1 snapshot newer than @s1 (guid 1), the newest \
                        one it shares with the sender, and the sender does not have it. To continue, roll the \
                        receiver's copy back on the receiver (zfs rollback -r <receiver's dataset>@s1); this \
                        destroys the receiver-only snapshots and everything written after them.
                          newest common: #s1 (guid 1, txg 10) on the sender, @s1 (guid 1, txg 3) on the receiver
                          receiver only, oldest first (1):
                            @local (guid 9, txg 4)
                          sender only, oldest first (0):
                            (none)
                          sender versions, oldest first (2):
                            @s0 (guid 5, txg 5)
                            #s1 (guid 1, txg 10)
                          receiver versions, oldest first (2):
                            @s1 (guid 1, txg 3)
                            @local (guid 9, txg 4)"""),
                Arguments.of("resumeTokenToGuidOnlyABookmarkOnSender",
                        sender("@s1/1/10 #s2/2/20"), receiverWithToken("@s1/1/3", token("tank/data@s2", 2, 1)),
                        InitialReplication.MOST_RECENT, ResumeTokenMismatch.class,
                        """
                        tank/data: the receiver's partial receive of tank/data@s2 cannot be resumed: the sender has \
                        no snapshot with its toguid 2 (only the bookmark #s2 is left). \
                        jzrepl does not discard a partial receive by itself: on the receiver, run zfs recv -A ROOT/tank/data, \
                        ROOT being the receiving job's root_fs (a sink's root_fs/<client identity>), to abort it (the \
                        partial data is lost, received snapshots are kept); the next run then plans from the receiver's \
                        snapshots. Or set conflict_resolution.unresumable_partial_receive: abort and jzrepl does so itself.
                          resume token: toname tank/data@s2, toguid 2, fromguid 1, token 1-e604ea4bf-e0-789c63a2a...
                          sender versions, oldest first (2):
                            @s1 (guid 1, txg 10)
                            #s2 (guid 2, txg 20)
                          receiver versions, oldest first (1):
                            @s1 (guid 1, txg 3)"""),
                Arguments.of("resumeTokenToGuidNotFoundOnSender",
                        sender("@s1/1/10"), receiverWithToken("", token("tank/data@gone", 77, 0)),
                        InitialReplication.MOST_RECENT, ResumeTokenMismatch.class,
                        "tank/data: the receiver's partial receive of tank/data@gone cannot be resumed: the sender"
                                + " has no snapshot with its toguid 77" + ABORT_ADVICE + """

                          resume token: toname tank/data@gone, toguid 77, fromguid none (full send), token \
                        1-e604ea4bf-e0-789c63a2a...
                          sender versions, oldest first (1):
                            @s1 (guid 1, txg 10)
                          receiver versions, oldest first (0):
                            (none)"""),
                Arguments.of("resumeTokenFromGuidNotFoundOnSender",
                        sender("@s2/2/20"), receiverWithToken("@s1/1/3", token("tank/data@s2", 2, 1)),
                        InitialReplication.MOST_RECENT, ResumeTokenMismatch.class,
                        """
                        tank/data: the receiver's partial receive of tank/data@s2 cannot be resumed: the sender \
                        has no snapshot or bookmark with its fromguid 1. \
                        jzrepl does not discard a partial receive by itself: on the receiver, run zfs recv -A ROOT/tank/data, \
                        ROOT being the receiving job's root_fs (a sink's root_fs/<client identity>), to abort it (the \
                        partial data is lost, received snapshots are kept); the next run then plans from the receiver's \
                        snapshots. Or set conflict_resolution.unresumable_partial_receive: abort and jzrepl does so itself.
                          resume token: toname tank/data@s2, toguid 2, fromguid 1, token 1-e604ea4bf-e0-789c63a2a...
                          sender versions, oldest first (1):
                            @s2 (guid 2, txg 20)
                          receiver versions, oldest first (1):
                            @s1 (guid 1, txg 3)"""),
                Arguments.of("resumeTokenFromGuidNewerThanToGuid",
                        sender("@s1/1/10 @s2/2/20"), receiverWithToken("@s2/2/3", token("tank/data@s1", 1, 2)),
                        InitialReplication.MOST_RECENT, ResumeTokenMismatch.class,
                        """
                        tank/data: the receiver's partial receive of tank/data@s1 cannot be resumed: on the sender \
                        its fromguid 2 is not older than its toguid 1. \
                        jzrepl does not discard a partial receive by itself: on the receiver, run zfs recv -A ROOT/tank/data, \
                        ROOT being the receiving job's root_fs (a sink's root_fs/<client identity>), to abort it (the \
                        partial data is lost, received snapshots are kept); the next run then plans from the receiver's \
                        snapshots.
                          resume token: toname tank/data@s1, toguid 1, fromguid 2, token 1-e604ea4bf-e0-789c63a2a...
                          sender versions, oldest first (2):
                            @s1 (guid 1, txg 10)
                            @s2 (guid 2, txg 20)
                          receiver versions, oldest first (1):
                            @s2 (guid 2, txg 3)"""),
                Arguments.of("resumeTokenForAnotherFilesystem",
                        sender("@s1/1/10"), receiverWithToken("", token("tank/other@s1", 1, 0)),
                        InitialReplication.MOST_RECENT, ResumeTokenMismatch.class,
                        "tank/data: the receiver's partial receive of tank/other@s1 cannot be resumed: its resume"
                                + " token is not for this filesystem" + RESUME_ADVICE + """

                          resume token: toname tank/other@s1, toguid 1, fromguid none (full send), token \
                        1-e604ea4bf-e0-789c63a2a...
                          sender versions, oldest first (1):
                            @s1 (guid 1, txg 10)
                          receiver versions, oldest first (0):
                            (none)"""),
                Arguments.of("initialReplicationFailPolicyRefuses",
                        sender("@s1/1/10 @s2/2/20"), Optional.empty(), InitialReplication.FAIL,
                        InitialReplicationRefused.class, """
                        tank/data: the receiver has no snapshot of this filesystem and initial_replication is fail: \
                        not starting an initial replication. Set conflict_resolution.initial_replication to \
                        most_recent or all to allow it.
                          sender versions, oldest first (2):
                            @s1 (guid 1, txg 10)
                            @s2 (guid 2, txg 20)
                          receiver versions, oldest first (0):
                            (none)"""),
                Arguments.of("longVersionListsShowFirstAndLastFour",
                        sender(IntStream.rangeClosed(1, 25).mapToObj(i -> "@s" + i + "/" + i + "/" + i * 10)
                                .collect(Collectors.joining(" "))),
                        receiver("@x/999/1"), InitialReplication.MOST_RECENT, NoCommonAncestor.class, """
                        tank/data: no common snapshot or bookmark: none of the receiver's snapshots has a guid the \
                        sender has. The receiver's copy was not received from this sender, or the sender destroyed \
                        every snapshot and bookmark it had in common with it. jzrepl does not overwrite it: rename \
                        or destroy the receiver's copy to start over with an initial replication.
                          sender versions, oldest first (25):
                            @s1 (guid 1, txg 10)
                            @s2 (guid 2, txg 20)
                            @s3 (guid 3, txg 30)
                            @s4 (guid 4, txg 40)
                            ... 17 more ...
                            @s22 (guid 22, txg 220)
                            @s23 (guid 23, txg 230)
                            @s24 (guid 24, txg 240)
                            @s25 (guid 25, txg 250)
                          receiver versions, oldest first (1):
                            @x (guid 999, txg 1)"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conflicts")
    void reportsConflictWithBothSides(String name, SenderFilesystem sender, Optional<ReceiverFilesystem> receiver,
                                      InitialReplication policy, Class<? extends Conflict> type, String message) {
        Outcome outcome = Planner.planFilesystem(sender, receiver, new PlanPolicy(policy));
        Conflict conflict = assertInstanceOf(type, outcome);
        assertEquals(Fixtures.FS, conflict.fs());
        assertEquals(message, conflict.message());
        assertEquals(conflict.summary(), conflict.message().substring(0, conflict.summary().length()));
    }
}
