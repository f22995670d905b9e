package org.jzrepl.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jzrepl.job.PhaseReport.Phase;
import org.jzrepl.pruning.PruneReport.Side;
import org.jzrepl.pruning.SideDryRun;
import org.jzrepl.replication.driver.EndpointSession;
import org.jzrepl.runtime.Sleeper;
import org.jzrepl.util.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code jzrepl prune --dry-run} for one active job: plans each pruning phase of its run with the
 * pruner the run would build ({@link PruningPhases#pruner}), over one session of the job's connector for
 * push and pull, and destroys nothing. A side without keep rules is left out (it destroys nothing),
 * as in a run. Runs on the caller's thread (a control connection); may take as long as listing both
 * sides does.
 *
 * @param job   the job's name
 * @param sides one answer per side with keep rules, in run order
 */
public record PruneDryRun(String job, List<SideDryRun> sides) {

    private static final Logger LOG = LoggerFactory.getLogger(PruneDryRun.class);

    public PruneDryRun {
        sides = List.copyOf(sides);
    }

    /** Plans the pruning phases of {@code phases}; {@code filesystem} non-null: that one only. */
    static PruneDryRun plan(String job, JobRun.Phases phases, String filesystem) {
        List<SideDryRun> out = new ArrayList<>();
        EndpointSession session = null;
        try {
            for (Phase p : phases.order()) {
                if (p == Phase.REPLICATION) {
                    continue;
                }
                Side side = switch (p) {
                    case PRUNING_SENDER -> Side.SENDER;
                    case PRUNING_RECEIVER -> Side.RECEIVER;
                    default -> Side.LOCAL;
                };
                boolean remote = p != Phase.PRUNING;
                if ((p == Phase.PRUNING_SENDER ? phases.keepSender()
                        : p == Phase.PRUNING_RECEIVER ? phases.keepReceiver() : phases.keepLocal()).isEmpty()) {
                    continue;
                }
                if (remote && session == null) {
                    try {
                        session = phases.connector().open();
                    } catch (IOException e) {
                        out.add(new SideDryRun(side, List.of(), "connecting: " + LogText.escape(e.getMessage())));
                        continue;
                    }
                }
                out.add(SideDryRun.of(side, PruningPhases.pruner(job, p, phases, session, Sleeper.REAL), filesystem));
            }
        } finally {
            if (session != null) {
                try {
                    session.close();
                } catch (IOException e) {
                    LOG.debug("job {}: closing the dry run's session: {}", job, e.toString());
                }
            }
        }
        return new PruneDryRun(job, out);
    }
}
