package org.jzrepl.job;

import org.jzrepl.config.JobConfig;
import org.jzrepl.endpoint.ZfsSender;
import org.jzrepl.pruning.Keep;
import org.jzrepl.replication.driver.DriverSettings;
import org.jzrepl.transport.Connecter;

/**
 * A push job built from its config section as {@link Jobs#build} builds it, but dialling through
 * a connecter the test gives (one that cuts connections) and with the driver's attempts per run
 * chosen by the test (1: a cut ends the run, the next run resumes). Not started.
 */
public final class TestPushJobs {
    private TestPushJobs() {
    }

    public static ActiveJob push(JobConfig.Push push, Jobs.Context ctx, Connecter connecter, int maxAttempts,
                                 RunObserver observer) throws JobStartException {
        DriverSettings settings = DriverSettings.fromConfig(push.replication(), push.conflictResolution());
        KeepRules keep = push.pruning() == null ? KeepRules.NONE
                : new KeepRules(Keep.fromConfig(push.pruning().keepSender()), Keep.fromConfig(push.pruning().keepReceiver()));
        return ActiveJob.push(push.name(), Jobs.snapshotting(push.name(), push.snapshotting(), push.filesystems(), ctx),
                connecter, ctx.rpc(), ZfsSender.fromConfig(ctx.zfs(), push),
                settings.withRetries(maxAttempts, settings.reconnectWait()), keep, ctx.runner(), Jobs.warnings(push))
                .observedBy(observer);
    }
}
