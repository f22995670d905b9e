package org.jzrepl.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jzrepl.snapshot.TickReport.FilesystemReport;
import org.jzrepl.snapshot.TickReport.Outcome;
import org.jzrepl.snapshot.hook.HookEnv;
import org.jzrepl.snapshot.hook.HookResult;
import org.jzrepl.snapshot.hook.HookSequence;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.SnapshotBatches;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * Runs one {@link TickPlan}: every filesystem's pre hooks (filesystems in plan order), then one
 * {@code zfs snapshot} per pool for the filesystems whose pre hooks allow it, then the post hooks,
 * filesystems in reverse order (each one's in reverse, by {@link HookSequence}), so hooks nest
 * like locks. Post hooks run even when the snapshots failed or the thread was interrupted.
 *
 * <p>If a pool's atomic command fails (a filesystem was destroyed since the listing, one already
 * has a snapshot of that name), zfs took none of them; so that one filesystem does not cost the
 * others their snapshot (zrepl: a failure on one does not stop the others), the batch is retried
 * filesystem by filesystem, and the pool is reported as not atomic with the command's error.
 */
public final class TickRunner {
    private final Zfs zfs;
    private final Clock clock;
    private final int maxCommandBytes;

    /** @param clock the job's clock, for the tick's duration only */
    public TickRunner(Zfs zfs, Clock clock) {
        this(zfs, clock, SnapshotBatches.MAX_BYTES);
    }

    TickRunner(Zfs zfs, Clock clock, int maxCommandBytes) {
        this.zfs = Objects.requireNonNull(zfs, "zfs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxCommandBytes = maxCommandBytes;
    }

    private record Prepared(TickPlan.Target target, HookEnv env, HookSequence.Pre pre) {
    }

    /**
     * Runs the tick and reports it. If interrupted, no further pre hook or snapshot runs, the post
     * hooks of the pre hooks that ran still run, and InterruptedException is thrown after them.
     */
    public TickReport run(TickPlan plan) throws InterruptedException {
        return run(plan, clock.instant());
    }

    /** As {@link #run(TickPlan)}, for a tick that started (its listing) at {@code start} on the job's clock. */
    public TickReport run(TickPlan plan, Instant start) throws InterruptedException {
        List<Prepared> prepared = new ArrayList<>();
        Map<DatasetPath, String> failures = new HashMap<>();
        List<TickReport.PoolReport> pools = new ArrayList<>();
        InterruptedException interrupted = null;
        Map<DatasetPath, List<HookResult>> posts;
        try {
            for (TickPlan.Target t : plan.targets()) {
                HookEnv env = new HookEnv(t.fs(), plan.snapshotName(), false);
                prepared.add(new Prepared(t, env, t.hooks().runPre(env)));
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted before the snapshot commands");
            }
            for (Map.Entry<String, List<TickPlan.Target>> pool : plan.byPool().entrySet()) {
                List<DatasetPath> allowed = prepared.stream()
                        .filter(p -> p.pre().snapshotAllowed() && p.target().fs().pool().equals(pool.getKey()))
                        .map(p -> p.target().fs()).toList();
                pools.add(snapshotPool(pool.getKey(), allowed, plan.snapshotName(), failures));
            }
        } catch (InterruptedException e) {
            interrupted = e;
        } finally {
            posts = runPosts(prepared);
        }
        if (interrupted != null) {
            throw interrupted;
        }
        List<FilesystemReport> reports = new ArrayList<>();
        for (Prepared p : prepared) {
            DatasetPath fs = p.target().fs();
            List<HookResult> hooks = new ArrayList<>(p.pre().results());
            hooks.addAll(posts.get(fs));
            Outcome outcome = !p.pre().snapshotAllowed() ? Outcome.SKIPPED_BY_HOOK
                    : failures.containsKey(fs) ? Outcome.FAILED : Outcome.TAKEN;
            reports.add(FilesystemReport.of(fs.name(), outcome, failures.get(fs), hooks));
        }
        return new TickReport(plan.at().toString(), plan.snapshotName(),
                Duration.between(start, clock.instant()).toMillis(), null, pools, reports);
    }

    /** One command per batch (one batch unless the names exceed a command line); retries a failed one singly. */
    private TickReport.PoolReport snapshotPool(String pool, List<DatasetPath> allowed, String name,
                                               Map<DatasetPath, String> failures) {
        if (allowed.isEmpty()) {
            return new TickReport.PoolReport(pool, 0, 0, true, null);
        }
        List<List<DatasetPath>> batches = SnapshotBatches.split(allowed, name, maxCommandBytes);
        int commands = 0;
        String commandError = null;
        for (List<DatasetPath> batch : batches) {
            commands++;
            try {
                zfs.snapshotAtomically(batch, name);
                continue;
            } catch (ZfsException e) {
                commandError = commandError != null ? commandError : e.getMessage();
                if (batch.size() == 1) {
                    failures.put(batch.get(0), e.getMessage());
                    continue;
                }
            }
            for (DatasetPath fs : batch) {
                commands++;
                try {
                    zfs.snapshot(fs, name);
                } catch (ZfsException e) {
                    failures.put(fs, e.getMessage());
                }
            }
        }
        return new TickReport.PoolReport(pool, allowed.size(), commands, batches.size() == 1 && commandError == null,
                commandError);
    }

    /**
     * The post hooks, filesystems in reverse order, with the thread's interrupt status cleared
     * while they run (a post hook releases what its pre hook took) and restored afterwards.
     */
    private static Map<DatasetPath, List<HookResult>> runPosts(List<Prepared> prepared) {
        boolean wasInterrupted = Thread.interrupted();
        Map<DatasetPath, List<HookResult>> out = new HashMap<>();
        try {
            for (int i = prepared.size() - 1; i >= 0; i--) {
                Prepared p = prepared.get(i);
                try {
                    out.put(p.target().fs(), p.target().hooks().runPost(p.pre(), p.env()));
                } catch (InterruptedException e) {
                    wasInterrupted = true;
                    out.put(p.target().fs(), List.of());
                }
            }
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return out;
    }
}
