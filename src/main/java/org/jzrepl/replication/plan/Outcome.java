package org.jzrepl.replication.plan;

import java.util.List;
import java.util.Objects;
import org.jzrepl.zfs.FilesystemVersion;

/** What the planner decided for one filesystem. */
public sealed interface Outcome permits Outcome.Replicate, Outcome.UpToDate, Outcome.SenderPlaceholder, Conflict {

    /** Steps to run in order, oldest {@code to} first; each step starts where the previous ended. */
    record Replicate(List<Step> steps) implements Outcome {
        public Replicate {
            steps = List.copyOf(steps);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("a replication needs at least one step");
            }
        }
    }

    /**
     * Nothing to send: the receiver already has the sender's newest snapshot.
     *
     * @param newestCommon the sender's version whose guid is the receiver's newest snapshot
     */
    record UpToDate(FilesystemVersion newestCommon) implements Outcome {
        public UpToDate {
            Objects.requireNonNull(newestCommon, "newestCommon");
        }
    }

    /** The sender's dataset is a placeholder: nothing to send; children are planned on their own. */
    record SenderPlaceholder() implements Outcome {
    }
}
