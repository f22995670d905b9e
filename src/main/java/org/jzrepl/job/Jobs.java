package org.jzrepl.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jzrepl.config.BandwidthLimit;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.JobConfig;
import org.jzrepl.config.SendOptions;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.config.ServeConfig;
import org.jzrepl.config.SnapshottingConfig;
import org.jzrepl.endpoint.BandwidthLimiter;
import org.jzrepl.endpoint.ZfsReceiver;
import org.jzrepl.endpoint.ZfsSender;
import org.jzrepl.replication.driver.DriverSettings;
import org.jzrepl.pruning.Keep;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.snapshot.Snapper;
import org.jzrepl.snapshot.hook.Hook;
import org.jzrepl.snapshot.hook.Hooks;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.transport.Connecter;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.Zfs;

/**
 * The one place that builds the daemon's jobs from the config, in the spirit of zrepl's
 * {@code build_jobs.go}: pull, push and snap become {@link ActiveJob}s, sink and source
 * {@link PassiveJob}s, each with its endpoints on the context's one {@link Zfs}, its transport
 * from {@link Transports}, and its {@link Snapshotting}. What the config asks for but this version
 * does not do as zrepl does ({@code listen_freebind}) becomes one warning per job, shown in the
 * job's status and logged by the daemon; nothing is silently ignored. A {@code bandwidth_limit} becomes one
 * {@link BandwidthLimiter} per job, shared by all its streams (a sink's clients too). Nothing is
 * started or dialled.
 */
public final class Jobs {

    /** Where the built jobs run; {@code observer} hears of every finished run of an active job (metrics). */
    public record Context(Zfs zfs, LocalSwitchboard switchboard, Path stdinserverSockdir, Path home,
                          RpcSettings rpc, TaskRunner runner, RunObserver observer) {
        public Context {
            java.util.Objects.requireNonNull(observer, "observer");
        }

        /** A context whose runs nobody observes. */
        public Context(Zfs zfs, LocalSwitchboard switchboard, Path stdinserverSockdir, Path home, RpcSettings rpc,
                       TaskRunner runner) {
            this(zfs, switchboard, stdinserverSockdir, home, rpc, runner, RunObserver.NONE);
        }
    }

    private Jobs() {
    }

    /**
     * One job per config entry, in config order.
     *
     * @throws JobStartException for the first job whose transport is not built or whose connect is invalid
     */
    public static List<Job> fromConfig(JzreplConfig config, Context ctx) throws JobStartException {
        List<Job> jobs = new ArrayList<>();
        for (JobConfig jc : config.jobs()) {
            jobs.add(build(jc, ctx));
        }
        return jobs;
    }

    /** The job for one config entry. */
    public static Job build(JobConfig jc, Context ctx) throws JobStartException {
        Job j = unobserved(jc, ctx);
        return j instanceof ActiveJob a ? a.observedBy(ctx.observer()) : j;
    }

    private static Job unobserved(JobConfig jc, Context ctx) throws JobStartException {
        if (jc instanceof JobConfig.Pull pull) {
            Connecter c = Transports.connecter(pull.name(), pull.connect(), ctx.switchboard(), ctx.home());
            return ActiveJob.pull(pull.name(), pull.interval(), c, ctx.rpc(),
                    ZfsReceiver.forPull(ctx.zfs(), pull.name(), pull.rootFs(), pull.recv(),
                            BandwidthLimiter.of(pull.recv().bandwidthLimit())),
                    DriverSettings.fromConfig(pull.replication(), pull.conflictResolution()), keep(pull.pruning()),
                    ctx.runner(), warnings(pull)).withBandwidthLimit(bandwidthLimit(pull));
        }
        if (jc instanceof JobConfig.Push push) {
            Connecter c = Transports.connecter(push.name(), push.connect(), ctx.switchboard(), ctx.home());
            return ActiveJob.push(push.name(), snapshotting(push.name(), push.snapshotting(), push.filesystems(), ctx), c, ctx.rpc(),
                    ZfsSender.fromConfig(ctx.zfs(), push),
                    DriverSettings.fromConfig(push.replication(), push.conflictResolution()), keep(push.pruning()),
                    ctx.runner(), warnings(push)).withBandwidthLimit(bandwidthLimit(push));
        }
        if (jc instanceof JobConfig.Source source) {
            ZfsSender sender = ZfsSender.fromConfig(ctx.zfs(), source);
            return PassiveJob.sourcePerClient(source.name(), Transports.describe(source.serve(), ctx.stdinserverSockdir()),
                    Transports.listener(source.name(), source.serve(), ctx.stdinserverSockdir(), ctx.switchboard(),
                            ctx.runner()),
                    sender::forClient, served(ctx.rpc(), source.serve()), ctx.runner(), warnings(source))
                    .withSnapshotting(snapshotting(source.name(), source.snapshotting(), source.filesystems(), ctx))
                    .withBandwidthLimit(bandwidthLimit(source));
        }
        if (jc instanceof JobConfig.Sink sink) {
            BandwidthLimiter limiter = BandwidthLimiter.of(sink.recv().bandwidthLimit()); // shared by all clients
            return PassiveJob.sink(sink.name(), Transports.describe(sink.serve(), ctx.stdinserverSockdir()),
                    Transports.listener(sink.name(), sink.serve(), ctx.stdinserverSockdir(), ctx.switchboard(),
                            ctx.runner()),
                    ZfsReceiver.forSinkClients(ctx.zfs(), sink.name(), sink.rootFs(), sink.recv(), limiter),
                    served(ctx.rpc(), sink.serve()), ctx.runner(), warnings(sink)).withBandwidthLimit(bandwidthLimit(sink));
        }
        JobConfig.Snap snap = (JobConfig.Snap) jc;
        return ActiveJob.snap(snap.name(), snapshotting(snap.name(), snap.snapshotting(), snap.filesystems(), ctx),
                new ZfsSender(ctx.zfs(), snap.name(), snap.filesystems(), ZfsSender.sendFlags(SendOptions.DEFAULT)),
                Keep.fromConfig(snap.keep()), ctx.runner(), warnings(snap));
    }

    /**
     * The snapshotter of a {@code snapshotting} section over the job's filesystems (absent or
     * {@code manual}: one that never ticks). Cron lines match in the runtime clock's zone (the
     * daemon's local zone, as zrepl).
     */
    static Snapshotting snapshotting(String job, SnapshottingConfig config, FilesystemFilter filter, Context ctx)
            throws JobStartException {
        if (config == null || config instanceof SnapshottingConfig.Manual) {
            return Snapshotting.manual(job);
        }
        try {
            List<Hook> hooks = Hooks.fromConfig(config.hooks());
            Snapper s = Snapper.of(config, filter, hooks, ctx.zfs(), ctx.runner().clock()).orElseThrow();
            return Snapshotting.of(job, SnapperAdapter.of(s, config.type(), () -> Hooks.closeAll(hooks)));
        } catch (IllegalArgumentException e) {
            throw new JobStartException(job, "snapshotting: " + e.getMessage(), e);
        }
    }

    /** The {@code snapshotting} section and {@code filesystems} of a job that snapshots; empty for pull and sink. */
    public record SnapshotSection(SnapshottingConfig snapshotting, FilesystemFilter filesystems) {
    }

    /** The section a push, source or snap job snapshots by (an absent section is {@code manual}). */
    public static Optional<SnapshotSection> snapshotSection(JobConfig jc) {
        if (jc instanceof JobConfig.Push p) {
            return Optional.of(section(p.snapshotting(), p.filesystems()));
        } else if (jc instanceof JobConfig.Source s) {
            return Optional.of(section(s.snapshotting(), s.filesystems()));
        } else if (jc instanceof JobConfig.Snap s) {
            return Optional.of(section(s.snapshotting(), s.filesystems()));
        }
        return Optional.empty();
    }

    private static SnapshotSection section(SnapshottingConfig c, FilesystemFilter f) {
        return new SnapshotSection(c == null ? new SnapshottingConfig.Manual() : c, f);
    }

    private static KeepRules keep(JobConfig.Pruning p) {
        return p == null ? KeepRules.NONE
                : new KeepRules(Keep.fromConfig(p.keepSender()), Keep.fromConfig(p.keepReceiver()));
    }

    /** The RPC settings of a passive job's connections: the daemon's, with the serve section's idle time. */
    static RpcSettings served(RpcSettings rpc, org.jzrepl.config.ServeConfig serve) {
        return rpc.withCallIdleTimeout(serve.limits().idleConnectionTimeout());
    }

    /**
     * The config parts of {@code jc} that this version accepts but does not act on as zrepl does,
     * one sentence each, naming the job: today only {@code listen_freebind}. Empty when the job
     * runs fully as configured.
     */
    public static List<String> warnings(JobConfig jc) {
        List<String> w = new ArrayList<>();
        ServeConfig serve = jc instanceof JobConfig.Sink s ? s.serve() : jc instanceof JobConfig.Source s ? s.serve() : null;
        if (Transports.freebind(serve)) {
            w.add("job " + jc.name() + ": listen_freebind cannot be set per socket by the JVM; the listener binds"
                    + " without it (sysctl net.ipv4.ip_nonlocal_bind=1 and net.ipv6.ip_nonlocal_bind=1 do the same"
                    + " for the whole host)");
        }
        return w;
    }

    /** The job's bandwidth limit for its report: {@code send 4 MiB/s (bucket_capacity 128 KiB)}; null if none. */
    static String bandwidthLimit(JobConfig jc) {
        if (jc instanceof JobConfig.Push p) {
            return describe("send", p.send().bandwidthLimit());
        } else if (jc instanceof JobConfig.Source s) {
            return describe("send", s.send().bandwidthLimit());
        } else if (jc instanceof JobConfig.Pull p) {
            return describe("recv", p.recv().bandwidthLimit());
        } else if (jc instanceof JobConfig.Sink s) {
            return describe("recv", s.recv().bandwidthLimit());
        }
        return null;
    }

    private static String describe(String side, BandwidthLimit limit) {
        return BandwidthLimiter.of(limit).describe().map(d -> side + " " + d).orElse(null);
    }
}
