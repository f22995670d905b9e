package org.jzrepl.replication.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jzrepl.zfs.DatasetPath;

/**
 * The planner's decision for one sender filesystem.
 *
 * @param fs       the filesystem, in the sender's namespace
 * @param parent   the nearest ancestor that is also in the plan: the driver starts this
 *                 filesystem's steps only once that ancestor exists on the receiver
 * @param outcome  steps, up to date, sender placeholder, or a conflict
 */
public record FilesystemPlan(DatasetPath fs, Optional<DatasetPath> parent, Outcome outcome) {

    public FilesystemPlan {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(outcome, "outcome");
        if (parent.isPresent() && (parent.get().equals(fs) || !fs.startsWith(parent.get()))) {
            throw new IllegalArgumentException(parent.get() + " is not an ancestor of " + fs);
        }
    }

    /** The steps to run, empty unless the outcome is {@link Outcome.Replicate}. */
    public List<Step> steps() {
        return outcome instanceof Outcome.Replicate r ? r.steps() : List.of();
    }

    public Optional<Conflict> conflict() {
        return outcome instanceof Conflict c ? Optional.of(c) : Optional.empty();
    }
}
