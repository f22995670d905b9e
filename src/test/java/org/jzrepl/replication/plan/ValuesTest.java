package org.jzrepl.replication.plan;

import static org.jzrepl.replication.plan.Fixtures.FS;
import static org.jzrepl.replication.plan.Fixtures.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.zfs.FilesystemVersion;

/** The planner's value types reject what cannot be a valid step or policy. */
class ValuesTest {

    private final FilesystemVersion s1 = versions("@s1/1/10").get(0);
    private final FilesystemVersion b1 = versions("#s1/1/10").get(0);

    @Test
    void stepTargetMustBeASnapshot() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Step(FS, Optional.empty(), b1, Optional.empty()));
        assertEquals("step target must be a snapshot, not tank/data#s1", e.getMessage());
    }

    @Test
    void stepSourceAndTargetMustDiffer() {
        assertThrows(IllegalArgumentException.class, () -> new Step(FS, Optional.of(b1), s1, Optional.empty()));
    }

    @Test
    void replicateNeedsAtLeastOneStep() {
        assertThrows(IllegalArgumentException.class, () -> new Outcome.Replicate(List.of()));
    }

    @Test
    void defaultPolicyIsMostRecent() {
        assertEquals(InitialReplication.MOST_RECENT, PlanPolicy.DEFAULT.initial());
    }
}
