package org.jzrepl.replication.driver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jzrepl.replication.plan.Conflict;
import org.jzrepl.replication.plan.FilesystemPlan;
import org.jzrepl.replication.plan.Outcome;
import org.jzrepl.replication.plan.Plan;
import org.jzrepl.replication.plan.Step;
import org.jzrepl.replication.report.FilesystemState;
import org.jzrepl.zfs.DatasetPath;

/**
 * Turns a plan into the attempt's report entries and queue: every sender filesystem gets a report
 * entry (parents before children); those with steps (capped at the run's targets) are queued, each
 * waiting for the nearest ancestor that is about to be sent and not yet on the receiver.
 */
final class PlanIntake {

    private PlanIntake() {
    }

    static List<StepQueue.Planned> register(Listing listing, Plan plan, Targets targets, AttemptTracker tracker) {
        List<StepQueue.Planned> queued = new ArrayList<>();
        Set<DatasetPath> withSteps = new HashSet<>();
        for (DatasetPath fs : listing.senderPaths()) {
            String listingError = listing.errors().get(fs);
            Optional<FilesystemPlan> fp = plan.get(fs);
            if (listingError != null || fp.isEmpty()) {
                tracker.addFinished(fs, FilesystemState.PLANNING_ERROR, listingError);
                continue;
            }
            Outcome outcome = fp.get().outcome();
            if (outcome instanceof Conflict c) {
                tracker.addFinished(fs, FilesystemState.PLANNING_ERROR, c.message());
            } else if (outcome instanceof Outcome.SenderPlaceholder) {
                tracker.addFinished(fs, FilesystemState.SKIPPED, null);
            } else {
                List<Step> steps = targets.cap(fs, fp.get().steps());
                if (steps.isEmpty()) {
                    tracker.addFinished(fs, FilesystemState.UP_TO_DATE, null);
                    continue;
                }
                Optional<DatasetPath> waitFor = waitFor(fs, listing.onReceiver(), withSteps);
                tracker.addPlanned(fs, steps, waitFor);
                queued.add(new StepQueue.Planned(fs, steps, waitFor));
                withSteps.add(fs);
            }
        }
        return queued;
    }

    /** The nearest ancestor that must be received first: not on the receiver, but about to be sent. */
    private static Optional<DatasetPath> waitFor(DatasetPath fs, Set<DatasetPath> onReceiver,
                                                 Set<DatasetPath> withSteps) {
        for (DatasetPath a = fs; !a.isRoot(); ) {
            a = a.parent();
            if (onReceiver.contains(a)) {
                return Optional.empty();
            }
            if (withSteps.contains(a)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

}
