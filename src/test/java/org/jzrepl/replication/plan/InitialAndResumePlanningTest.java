package org.jzrepl.replication.plan;

import static org.jzrepl.replication.plan.Fixtures.placeholder;
import static org.jzrepl.replication.plan.Fixtures.receiver;
import static org.jzrepl.replication.plan.Fixtures.receiverWithToken;
import static org.jzrepl.replication.plan.Fixtures.sender;
import static org.jzrepl.replication.plan.Fixtures.stepsText;
import static org.jzrepl.replication.plan.Fixtures.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.zfs.ResumeToken;

/** Receiver has nothing yet (initial replication), or holds a partial receive (resume). */
class InitialAndResumePlanningTest {

    private static final String SENDER = "@s1/1/10 #b2/2/20 @s3/3/30 @s4/4/40";

    static Stream<Arguments> initialCases() {
        return Stream.of(
                Arguments.of("initialMostRecentSendsNewestSnapshotFull",
                        InitialReplication.MOST_RECENT, Optional.empty(), List.of("full @s4")),
                Arguments.of("initialAllSendsOldestFullThenEveryIncrement",
                        InitialReplication.ALL, Optional.empty(), List.of("full @s1", "@s1 -> @s3", "@s3 -> @s4")),
                Arguments.of("receiverPlaceholderCountsAsNothingReceived",
                        InitialReplication.MOST_RECENT, placeholder(), List.of("full @s4")),
                Arguments.of("receiverWithoutVersionsCountsAsNothingReceived",
                        InitialReplication.ALL, receiver(""), List.of("full @s1", "@s1 -> @s3", "@s3 -> @s4")),
                Arguments.of("receiverWithOnlyBookmarksCountsAsNothingReceived",
                        InitialReplication.MOST_RECENT, receiver("#s1/1/3"), List.of("full @s4")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("initialCases")
    void plansInitialReplicationByPolicy(String name, InitialReplication policy,
                                         Optional<ReceiverFilesystem> receiver, List<String> steps) {
        Outcome outcome = Planner.planFilesystem(sender(SENDER), receiver, new PlanPolicy(policy));
        assertEquals(steps, stepsText(outcome));
    }

    @Test
    void initialReplicationOfSingleSnapshotUnderAllIsOneFullSend() {
        Outcome outcome = Planner.planFilesystem(sender("#b/7/5 @only/1/10"), Optional.empty(),
                new PlanPolicy(InitialReplication.ALL));
        assertEquals(List.of("full @only"), stepsText(outcome));
    }

    static Stream<Arguments> resumeCases() {
        return Stream.of(
                Arguments.of("resumeComesFirstThenIncrementals",
                        receiverWithToken("@s1/1/5", token("tank/data@s3", 3, 1)),
                        List.of("@s1 -> @s3 (resume)", "@s3 -> @s4")),
                Arguments.of("resumeOfLastSnapshotIsTheOnlyStep",
                        receiverWithToken("@s1/1/5 @s3/3/6", token("tank/data@s4", 4, 3)),
                        List.of("@s3 -> @s4 (resume)")),
                Arguments.of("resumeFromSenderBookmark",
                        receiverWithToken("@s1/1/5 @s2/2/6", token("tank/data@s3", 3, 2)),
                        List.of("#b2 -> @s3 (resume)", "@s3 -> @s4")),
                Arguments.of("resumeOfFullSendThenIncrementals",
                        receiverWithToken("", token("tank/data@s1", 1, 0)),
                        List.of("full @s1 (resume)", "@s1 -> @s3", "@s3 -> @s4")),
                Arguments.of("resumeIntoPlaceholderReceiver",
                        Optional.of(new ReceiverFilesystem(Fixtures.FS, List.of(),
                                Optional.of(token("tank/data@s4", 4, 0)), true)),
                        List.of("full @s4 (resume)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resumeCases")
    void resumesPartialReceiveFirst(String name, Optional<ReceiverFilesystem> receiver, List<String> steps) {
        Outcome outcome = Planner.planFilesystem(sender(SENDER), receiver, PlanPolicy.DEFAULT);
        assertEquals(steps, stepsText(outcome));
    }

    @Test
    void resumeStepCarriesTheReceiversToken() {
        ResumeToken t = token("tank/data@s3", 3, 1);
        Outcome outcome = Planner.planFilesystem(sender(SENDER), receiverWithToken("@s1/1/5", t), PlanPolicy.DEFAULT);
        List<Step> steps = assertInstanceOf(Outcome.Replicate.class, outcome).steps();
        assertSame(t, steps.get(0).resume().orElseThrow());
        assertTrue(steps.stream().skip(1).noneMatch(Step::isResume), "only the first step resumes");
    }

    @Test
    void resumeWinsOverInitialReplicationFailPolicy() {
        Outcome outcome = Planner.planFilesystem(sender(SENDER), receiverWithToken("", token("tank/data@s4", 4, 0)),
                new PlanPolicy(InitialReplication.FAIL));
        assertEquals(List.of("full @s4 (resume)"), stepsText(outcome));
    }
}
