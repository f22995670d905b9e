package org.jzrepl.replication.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.jzrepl.replication.plan.Fixtures.receiverWithToken;
import static org.jzrepl.replication.plan.Fixtures.sender;
import static org.jzrepl.replication.plan.Fixtures.stepsText;
import static org.jzrepl.replication.plan.Fixtures.token;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.ConflictResolution.UnresumablePartialReceive;
import org.jzrepl.config.InitialReplication;

/**
 * {@code conflict_resolution.unresumable_partial_receive: abort}: a partial receive whose source
 * is gone from the sender is planned around (the first step is no resume, so the receiver
 * discards it); every other token mismatch stays a conflict.
 */
class UnresumablePartialReceivePlanningTest {
    static final PlanPolicy ABORT = new PlanPolicy(InitialReplication.MOST_RECENT, UnresumablePartialReceive.ABORT);

    @Test
    void partialIncrementalWhoseToIsGoneIsDiscardedAndTheNextStepStartsFromTheCommonSnapshot() {
        Outcome o = Planner.planFilesystem(sender("@s1/1/10 @s3/3/30"),
                receiverWithToken("@s1/1/3", token("tank/data@s2", 2, 1)), ABORT);

        assertEquals(List.of("@s1 -> @s3"), stepsText(o));
        assertFalse(((Outcome.Replicate) o).steps().get(0).isResume(), "not a resume: the receiver aborts first");
    }

    @Test
    void partialFullReceiveWhoseToIsGoneIsDiscardedAndReplacedByAnInitialReplication() {
        Outcome o = Planner.planFilesystem(sender("@s1/1/10 @s3/3/30"),
                receiverWithToken("", token("tank/data@gone", 77, 0)), ABORT);

        assertEquals(List.of("full @s3"), stepsText(o));
    }

    @Test
    void partialReceiveWhoseFromIsGoneIsDiscardedAndTheRealConflictReported() {
        Outcome o = Planner.planFilesystem(sender("@s2/2/20"),
                receiverWithToken("@s1/1/3", token("tank/data@s2", 2, 1)), ABORT);

        assertInstanceOf(NoCommonAncestor.class, o, "with the token gone, nothing is shared: " + o);
    }

    @Test
    void tokenForAnotherFilesystemIsNeverDiscarded() {
        Outcome o = Planner.planFilesystem(sender("@s1/1/10"),
                receiverWithToken("", token("tank/other@s1", 1, 0)), ABORT);

        assertEquals(ResumeTokenMismatch.Reason.OTHER_FILESYSTEM, assertInstanceOf(ResumeTokenMismatch.class, o).reason());
    }

    @Test
    void tokenWithVersionsOutOfOrderIsNeverDiscarded() {
        Outcome o = Planner.planFilesystem(sender("@s1/1/10 @s2/2/20"),
                receiverWithToken("@s2/2/3", token("tank/data@s1", 1, 2)), ABORT);

        assertEquals(ResumeTokenMismatch.Reason.FROM_NOT_OLDER, assertInstanceOf(ResumeTokenMismatch.class, o).reason());
    }

    @Test
    void byDefaultAGoneSourceIsAConflictNamingTheFixAndThePolicy() {
        Outcome o = Planner.planFilesystem(sender("@s1/1/10 @s3/3/30"),
                receiverWithToken("@s1/1/3", token("tank/data@s2", 2, 1)), PlanPolicy.DEFAULT);

        String message = assertInstanceOf(ResumeTokenMismatch.class, o).message();
        org.junit.jupiter.api.Assertions.assertTrue(message.contains("zfs recv -A ROOT/tank/data")
                && message.contains("conflict_resolution.unresumable_partial_receive: abort"), message);
    }

    @Test
    void resumableTokenIsResumedWhateverThePolicy() {
        Outcome o = Planner.planFilesystem(sender("@s1/1/10 @s2/2/20"),
                receiverWithToken("@s1/1/3", token("tank/data@s2", 2, 1)), ABORT);

        assertEquals(List.of("@s1 -> @s2 (resume)"), stepsText(o));
    }
}
