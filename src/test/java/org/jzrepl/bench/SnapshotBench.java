package org.jzrepl.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.SnapshottingConfig;
import org.jzrepl.snapshot.Snapper;
import org.jzrepl.snapshot.TickPlanner;
import org.jzrepl.snapshot.SnapshotNaming;
import org.jzrepl.snapshot.TickReport;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.cmd.ZfsCli;
import org.jzrepl.zfs.cmd.ZfsRunner;

/**
 * Snapshot benchmark ({@code scripts/bench.sh snapshot}): one snapper tick over the children of
 * POOL the jzrepl way ({@link Snapper#tick}: one listing, one {@code zfs snapshot} for the pool)
 * against zrepl's way (the same listing, then one {@code zfs snapshot fs@name} per filesystem, one
 * after another), both through the same {@code zfs} binary. One untimed warm-up of each, then
 * ROUNDS rounds, the order alternating; medians. Checks afterwards that every filesystem got both
 * snapshots and that the tick's share one createtxg. Usage: {@code ZFS_BINARY POOL ROUNDS}. Last
 * line: {@code snapshot: X ms for N filesystems, per-fs commands: Y ms, ratio: X/Y}.
 */
public final class SnapshotBench {

    private static final Map<String, AtomicLong> MILLIS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        Path binary = Path.of(args[0]);
        DatasetPath pool = DatasetPath.parse(args[1]);
        int rounds = Integer.parseInt(args[2]);
        ZfsCli zfs = new ZfsCli(new ZfsRunner(binary, (verb, took, exit) ->
                MILLIS.computeIfAbsent(verb, v -> new AtomicLong()).addAndGet(took.toMillis()), Duration.ofMinutes(10)));
        FilesystemFilter children = FilesystemFilter.of(new LinkedHashMap<>(Map.of(pool.name() + "<", true,
                pool.name(), false)));
        Snapper snapper = Snapper.of(new SnapshottingConfig.Periodic("bench_", Duration.ofHours(1), "dense", "UTC",
                List.of()), children, List.of(), zfs, Clock.systemUTC()).orElseThrow();
        TickPlanner planner = new TickPlanner(children, SnapshotNaming.of("x", "dense", "UTC"), List.of(),
                Clock.systemUTC());

        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        jzrepl(snapper, base, -1);
        perFs(zfs, planner, "warmup", 1);
        System.out.println("warm-up done: one tick, one per-fs command");
        List<Long> ours = new ArrayList<>();
        List<Long> theirs = new ArrayList<>();
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                if ((k + r) % 2 == 0) {
                    long t0 = System.nanoTime();
                    TickReport report = jzrepl(snapper, base.plusSeconds(r + 1), r);
                    ours.add((System.nanoTime() - t0) / 1_000_000);
                    n = report.filesystems().size();
                } else {
                    theirs.add(perFs(zfs, planner, "perfs" + r, Integer.MAX_VALUE));
                }
            }
        }
        check(zfs, pool, rounds);
        long x = median(ours);
        long y = median(theirs);
        System.out.printf("snapshot: %d ms for %d filesystems, per-fs commands: %d ms, ratio: %.3f%n",
                x, n, y, (double) x / y);
    }

    /** One tick of the snapper; round -1 is the warm-up. */
    private static TickReport jzrepl(Snapper snapper, Instant now, int round) throws InterruptedException {
        MILLIS.clear();
        TickReport report = snapper.tick(now);
        if (!report.allOk() || report.pools().size() != 1) {
            throw new IllegalStateException("tick failed: " + report);
        }
        TickReport.PoolReport p = report.pools().get(0);
        if (round >= 0) {
            System.out.printf("round %d jzrepl: %d ms for %d filesystems (%d command(s), atomic %s): list %d ms,"
                            + " snapshot %d ms%n", round + 1, report.durationMillis(), p.snapshots(), p.commands(),
                    p.atomic(), millis("list") + millis("get"), millis("snapshot"));
        }
        return report;
    }

    /** zrepl's way: the listing, then one command per filesystem, sequentially; at most {@code limit}. */
    private static long perFs(ZfsCli zfs, TickPlanner planner, String name, int limit) throws Exception {
        MILLIS.clear();
        long t0 = System.nanoTime();
        List<DatasetInfo> selected = planner.select(zfs.listAll());
        int done = 0;
        for (DatasetInfo d : selected) {
            if (done++ == limit) {
                break;
            }
            zfs.snapshot(d.path(), name);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (limit == Integer.MAX_VALUE) {
            System.out.printf("%s per-fs: %d ms for %d filesystems (%d commands): list %d ms, snapshot %d ms%n",
                    name, ms, selected.size(), selected.size(), millis("list") + millis("get"), millis("snapshot"));
        }
        return ms;
    }

    /** Every filesystem has each round's two snapshots; each tick's share one createtxg, the per-fs ones do not. */
    private static void check(ZfsCli zfs, DatasetPath pool, int rounds) throws Exception {
        Map<String, Set<Long>> txgs = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int filesystems = 0;
        for (DatasetInfo d : zfs.listTree(pool)) {
            if (d.path().equals(pool)) {
                continue;
            }
            filesystems++;
            for (FilesystemVersion v : d.snapshots()) {
                txgs.computeIfAbsent(v.name(), k -> new HashSet<>()).add(v.createTxg());
                counts.merge(v.name(), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (!e.getKey().equals("warmup") && e.getValue() != filesystems) {
                throw new IllegalStateException(e.getKey() + " on " + e.getValue() + " of " + filesystems);
            }
        }
        long ticks = txgs.entrySet().stream().filter(e -> e.getKey().startsWith("bench_")).count();
        if (ticks != rounds + 1 || txgs.entrySet().stream().anyMatch(e -> e.getKey().startsWith("bench_")
                && e.getValue().size() != 1)) {
            throw new IllegalStateException("ticks not atomic: " + txgs);
        }
        System.out.printf("checked: %d filesystems; each tick's snapshots share one createtxg; the per-fs ones span"
                + " %s createtxgs%n", filesystems, txgs.entrySet().stream().filter(e -> e.getKey().startsWith("perfs"))
                .map(e -> Integer.toString(e.getValue().size())).toList());
    }

    private static long millis(String verb) {
        AtomicLong v = MILLIS.get(verb);
        return v == null ? 0 : v.get();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((sorted.size() - 1) / 2);
    }
}
