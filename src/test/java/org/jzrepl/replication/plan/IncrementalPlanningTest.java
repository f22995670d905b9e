package org.jzrepl.replication.plan;

import static org.jzrepl.replication.plan.Fixtures.receiver;
import static org.jzrepl.replication.plan.Fixtures.sender;
import static org.jzrepl.replication.plan.Fixtures.stepsText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Receiver and sender share a version: incremental steps, or nothing to do. */
class IncrementalPlanningTest {

    static Stream<Arguments> incrementalCases() {
        return Stream.of(
                Arguments.of("incrementalFromNewestCommonSnapshotThroughEveryNewerSnapshot",
                        "@s1/1/10 @s2/2/20 @s3/3/30", "@s1/1/5",
                        List.of("@s1 -> @s2", "@s2 -> @s3")),
                Arguments.of("incrementalFromBookmarkWhenSnapshotPruned",
                        "#s1/1/10 @s2/2/20 @s3/3/30", "@s1/1/5",
                        List.of("#s1 -> @s2", "@s2 -> @s3")),
                Arguments.of("snapshotPreferredOverBookmarkWithSameGuid",
                        "@s1/1/10 #cursor/2/20 @s2/2/20 @s3/3/30", "@s1/1/5 @s2/2/6",
                        List.of("@s2 -> @s3")),
                Arguments.of("bookmarksAreNeverTargets",
                        "@s1/1/10 #b2/2/20 @s3/3/30 #b4/4/40 @s5/5/50", "@s1/1/5",
                        List.of("@s1 -> @s3", "@s3 -> @s5")),
                Arguments.of("sortsEachSideByItsOwnCreatetxgNotByListingOrder",
                        "@c/3/30 @a/1/10 @b/2/20", "@b/2/900 @a/1/800",
                        List.of("@b -> @c")),
                Arguments.of("namesDoNotMatterOnlyGuids",
                        "@renamed/1/10 @s2/2/20", "@s1/1/5",
                        List.of("@renamed -> @s2")),
                Arguments.of("olderReceiverSnapshotsTheSenderPrunedDoNotMatter",
                        "@s3/3/30 @s4/4/40", "@s1/1/1 @s2/2/2 @s3/3/3",
                        List.of("@s3 -> @s4")),
                Arguments.of("receiverBookmarksAreIgnoredForMatching",
                        "@s1/1/10 @s2/2/20 @s3/3/30", "@s1/1/5 #s2/2/6",
                        List.of("@s1 -> @s2", "@s2 -> @s3")),
                Arguments.of("commonBookmarkOlderThanSenderSnapshotsOnTheSameTxgStillSendsThem",
                        "#old/1/10 @s2/2/20 #s2/2/20 @s3/3/30", "@old/1/7",
                        List.of("#old -> @s2", "@s2 -> @s3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incrementalCases")
    void plansIncrementalSteps(String name, String senderSpec, String receiverSpec, List<String> steps) {
        Outcome outcome = Planner.planFilesystem(sender(senderSpec), receiver(receiverSpec), PlanPolicy.DEFAULT);
        assertEquals(steps, stepsText(outcome));
    }

    static Stream<Arguments> upToDateCases() {
        return Stream.of(
                Arguments.of("upToDateWhenReceiverHasNewestSnapshot",
                        "@s1/1/10 @s2/2/20", "@s1/1/5 @s2/2/6", "@s2"),
                Arguments.of("upToDateWhenOnlyBookmarksAreNewer",
                        "@s1/1/10 #b2/2/20", "@s1/1/5", "@s1"),
                Arguments.of("upToDateWhenCommonVersionIsSenderBookmark",
                        "@s0/9/5 #s1/1/10", "@s0/9/1 @s1/1/2", "#s1"),
                Arguments.of("upToDateIgnoresOlderSenderSnapshotsMissingOnReceiver",
                        "@s1/1/10 @s2/2/20 @s3/3/30", "@s3/3/7", "@s3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upToDateCases")
    void plansNothingWhenUpToDate(String name, String senderSpec, String receiverSpec, String newestCommon) {
        Outcome outcome = Planner.planFilesystem(sender(senderSpec), receiver(receiverSpec), PlanPolicy.DEFAULT);
        assertEquals(newestCommon, assertInstanceOf(Outcome.UpToDate.class, outcome).newestCommon().relativeName());
    }
}
