package org.jzrepl.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jzrepl.config.ConnectConfig;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.JobConfig;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.config.ServeConfig;
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.endpoint.ZfsReceiver;
import org.jzrepl.endpoint.ZfsSender;
import org.jzrepl.job.JobStartException;
import org.jzrepl.job.Transports;
import org.jzrepl.replication.driver.EndpointSession;
import org.jzrepl.replication.driver.Listing;
import org.jzrepl.replication.plan.FilesystemPlan;
import org.jzrepl.replication.plan.PlanPolicy;
import org.jzrepl.replication.plan.Planner;
import org.jzrepl.rpc.RpcClient;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.transport.Connecter;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * Gathers the facts {@code jzrepl doctor} judges, thinly: this host's zfs, the job's peer dialled
 * with the job's own transport (one RPC connection, listing calls only: nothing is sent, received,
 * held or destroyed), and hands them to {@link FilesystemDiagnoses}. Host-wide checks are in
 * {@link HostChecks}. Runs without the daemon.
 */
public final class Doctor {

    private final Zfs zfs;
    private final LocalSwitchboard switchboard;
    private final Path home;
    private final RpcSettings rpc;

    public Doctor(Zfs zfs, LocalSwitchboard switchboard, Path home, RpcSettings rpc) {
        this.zfs = zfs;
        this.switchboard = switchboard;
        this.home = home;
        this.rpc = rpc;
    }

    /** Every finding about {@code job}, only about {@code fs} (and the peer) if given. */
    public JobFindings examine(JobConfig job, Optional<DatasetPath> fs) {
        List<Finding> out = new ArrayList<>();
        if (job instanceof JobConfig.Pull pull) {
            boolean rootExists = exists(pull.rootFs(), out);
            out.add(FilesystemDiagnoses.rootFs(pull.rootFs(), rootExists));
            // Without root_fs nothing can be listed on this side, but the peer is still dialled.
            Receiver local = rootExists ? ZfsReceiver.forPull(zfs, pull.name(), pull.rootFs(), pull.recv()) : null;
            replication(pull.name(), pull.connect(), null, local, PlanPolicy.of(pull.conflictResolution()),
                    fs, Optional.empty(), p -> pull.rootFs().resolve(p).name(), "on this host", out);
        } else if (job instanceof JobConfig.Push push) {
            Sender local = ZfsSender.fromConfig(zfs, push);
            replication(push.name(), push.connect(), local, null, PlanPolicy.of(push.conflictResolution()), fs,
                    Optional.of(push.filesystems()), p -> "SINK_ROOT_FS/CLIENT_IDENTITY/" + p.name(),
                    "on the sink's host", out);
        } else if (job instanceof JobConfig.Sink sink) {
            out.add(FilesystemDiagnoses.rootFs(sink.rootFs(), exists(sink.rootFs(), out)));
        } else if (job instanceof JobConfig.Source source) {
            fs.ifPresent(f -> out.add(selected(source.name(), source.filesystems(), f)));
        } else if (job instanceof JobConfig.Snap snap) {
            fs.ifPresent(f -> out.add(selected(snap.name(), snap.filesystems(), f)));
        }
        return new JobFindings(job.name(), describe(job), out);
    }

    private void replication(String job, ConnectConfig connect, Sender localSender, Receiver localReceiver,
                             PlanPolicy policy, Optional<DatasetPath> fs, Optional<FilesystemFilter> localFilter,
                             Function<DatasetPath, String> copy, String receiverSide, List<Finding> out) {
        String peer = peerName(connect);
        if (connect instanceof ConnectConfig.Local) {
            out.add(Finding.ok("peer", peer + ": a job of the same daemon, dialled only inside it"));
            return;
        }
        Connecter connecter;
        try {
            connecter = Transports.connecter(job, connect, switchboard, home);
        } catch (JobStartException e) {
            out.add(HostDiagnoses.peer(peer, e));
            return;
        }
        try (connecter) {
            replication(job, connecter, peer, localSender, localReceiver, policy, fs, localFilter, copy,
                    receiverSide, out);
        } catch (IOException e) {
            // closing the connecter: nothing to report
        }
    }

    private void replication(String job, Connecter connecter, String peer, Sender localSender,
                             Receiver localReceiver, PlanPolicy policy, Optional<DatasetPath> fs,
                             Optional<FilesystemFilter> localFilter, Function<DatasetPath, String> copy,
                             String receiverSide, List<Finding> out) {
        RpcConnection conn;
        try {
            conn = RpcConnection.open(connecter.connect(), rpc);
        } catch (IOException | RuntimeException e) {
            out.add(HostDiagnoses.peer(peer, e));
            return;
        }
        out.add(HostDiagnoses.peer(peer, null));
        if (localSender == null && localReceiver == null) {
            try {
                conn.close();
            } catch (IOException e) {
                // only the dial was wanted
            }
            return;
        }
        Sender sender = localSender != null ? localSender : RpcClient.proxy(Sender.class, conn);
        Receiver receiver = localReceiver != null ? localReceiver : RpcClient.proxy(Receiver.class, conn);
        try (EndpointSession s = EndpointSession.of(sender, receiver, conn)) {
            Listing listing = Listing.gather(s);
            if (listing.senderPaths().isEmpty()) {
                out.addAll(FilesystemDiagnoses.nothingOffered(job));
                return;
            }
            if (fs.isPresent() && !listing.senderPaths().contains(fs.get())) {
                out.add(FilesystemDiagnoses.notOffered(job, fs.get(), localFilter));
                return;
            }
            for (FilesystemPlan p : Planner.plan(listing.senders(), listing.receivers(), policy).filesystems()) {
                if (fs.isEmpty() || fs.get().equals(p.fs())) {
                    out.add(FilesystemDiagnoses.plan(job, p, copy, receiverSide));
                }
            }
            listing.errors().forEach((f, why) -> {
                if (fs.isEmpty() || fs.get().equals(f)) {
                    out.add(FilesystemDiagnoses.listingFailed(f, why));
                }
            });
        } catch (IOException | RuntimeException e) {
            out.add(Finding.problem("listing", "listing both sides failed: " + e.getMessage(), null));
        }
    }

    private static Finding selected(String job, FilesystemFilter filter, DatasetPath fs) {
        return filter.matches(fs)
                ? Finding.ok(fs.name(), "selected by the filesystems filter of job " + job)
                : FilesystemDiagnoses.notOffered(job, fs, Optional.of(filter));
    }

    private boolean exists(DatasetPath ds, List<Finding> out) {
        try {
            return zfs.dataset(ds).isPresent();
        } catch (ZfsException e) {
            out.add(Finding.problem(ds.name(), "zfs failed: " + e.getMessage(), null));
            return false;
        }
    }

    static String peerName(ConnectConfig c) {
        if (c instanceof ConnectConfig.SshStdinserver s) {
            return "ssh+stdinserver " + s.user() + "@" + s.host() + ":" + s.port();
        }
        if (c instanceof ConnectConfig.Tcp t) {
            return "tcp " + t.address();
        }
        if (c instanceof ConnectConfig.Tls t) {
            return "tls " + t.address() + " (server_cn " + t.serverCn() + ")";
        }
        return "local listener " + ((ConnectConfig.Local) c).listenerName();
    }

    private static String describe(JobConfig j) {
        if (j instanceof JobConfig.Pull p) {
            return "pull from " + peerName(p.connect()) + " into " + p.rootFs();
        }
        if (j instanceof JobConfig.Push p) {
            return "push to " + peerName(p.connect());
        }
        if (j instanceof JobConfig.Sink s) {
            return "sink into " + s.rootFs();
        }
        return j instanceof JobConfig.Source ? "source" : "snap";
    }

    /** The stdinserver sockdirs the jobs of {@code config} serve on (one, or none). */
    static Set<Path> stdinserverSockdirs(JzreplConfig config) {
        Set<Path> dirs = new HashSet<>();
        for (JobConfig j : config.jobs()) {
            ServeConfig serve = j instanceof JobConfig.Sink s ? s.serve() : j instanceof JobConfig.Source s ? s.serve() : null;
            if (serve instanceof ServeConfig.Stdinserver) {
                dirs.add(config.global().stdinserverSockdir());
            }
        }
        return dirs;
    }

    static boolean existsNoFollow(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
