package org.jzrepl.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.GridSpec;
import org.jzrepl.endpoint.AbstractionNames;
import org.jzrepl.endpoint.ZfsSender;
import org.jzrepl.pruning.Keep;
import org.jzrepl.pruning.KeepGrid;
import org.jzrepl.pruning.KeepLastN;
import org.jzrepl.pruning.PruneReport;
import org.jzrepl.pruning.PruneSettings;
import org.jzrepl.pruning.Pruner;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.DestroyResult;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.VersionType;
import org.jzrepl.zfs.Zfs;

/**
 * Prune benchmark ({@code scripts/bench.sh prune}): a whole prune run ({@link Pruner#local} over the
 * real {@link ZfsSender}: listing, keep rules, protection, destroy requests through the endpoint's
 * checks) on a canned pool of 1,000 and 2,000 filesystems x 100 snapshots (15 minutes apart, a
 * cursor bookmark on each filesystem), rules {@code grid 1x1h(keep=all) | 24x1h | 14x1d} and
 * {@code last_n 10}. The pool is an in-memory canned listing behind a {@link Zfs} proxy that times
 * every call: that time (what zfs would spend, here the fake's) is reported apart from jzrepl's, with
 * the number of zfs calls (each {@code destroySnapshots} is at least one {@code zfs destroy}).
 * Median of 5 runs after 3 warm-ups, sizes interleaved; the pool is rebuilt before each run, untimed.
 * Last line: {@code prune: <A> ms for 100k snapshots, 200k: <B> ms, growth: <B/A>}, by the thread's
 * CPU time minus the fake zfs time.
 */
public final class PruneBench {

    private static final int SNAPSHOTS = 100;
    private static final int WARMUP = 3;
    private static final int RUNS = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Size small = new Size(1_000);
        Size large = new Size(2_000);
        for (int i = 0; i < WARMUP + RUNS; i++) {
            small.run(i >= WARMUP);
            large.run(i >= WARMUP);
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("load average %.2f before, %.2f after, on %d cpus%n", loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors());
        for (Size s : List.of(small, large)) {
            System.out.printf("%d filesystems, %d snapshots: %d destroyed per run, %d zfs calls (%d destroySnapshots);"
                            + " wall %.0f ms, thread cpu %.0f ms, of which zfs (fake) %.0f ms, jzrepl %.0f ms%n",
                    s.filesystems, s.filesystems * SNAPSHOTS, s.destroyed, s.calls, s.destroyCalls, median(s.wall),
                    median(s.cpu), median(s.zfs), median(s.jzrepl));
        }
        double a = median(small.jzrepl);
        double b = median(large.jzrepl);
        System.out.printf("prune: %.0f ms for 100k snapshots, 200k: %.0f ms, growth: %.2f%n", a, b, b / a);
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    /** One problem size: the canned listing and the figures of the measured runs. */
    private static final class Size {
        private final int filesystems;
        private final Map<DatasetPath, List<FilesystemVersion>> listing = new TreeMap<>();
        private final List<Keep> rules = List.of(
                new KeepGrid(GridSpec.parse("1x1h(keep=all) | 24x1h | 14x1d"), Pattern.compile("^auto_")),
                new KeepLastN(10, Pattern.compile(".*")));
        private final List<Double> wall = new ArrayList<>();
        private final List<Double> cpu = new ArrayList<>();
        private final List<Double> zfs = new ArrayList<>();
        private final List<Double> jzrepl = new ArrayList<>();
        private int destroyed = -1;
        private long calls;
        private long destroyCalls;

        Size(int filesystems) {
            this.filesystems = filesystems;
            listing.put(DatasetPath.parse("pool"), List.of());
            long guid = 1;
            for (int f = 0; f < filesystems; f++) {
                List<FilesystemVersion> v = new ArrayList<>();
                for (int s = 0; s < SNAPSHOTS; s++) {
                    Instant at = T0.plusSeconds(900L * s);
                    v.add(new FilesystemVersion(VersionType.SNAPSHOT, "auto_" + at.getEpochSecond(), new Guid(guid++),
                            s + 1, at));
                    if (s == 70) {
                        FilesystemVersion snap = v.get(v.size() - 1);
                        v.add(new FilesystemVersion(VersionType.BOOKMARK, AbstractionNames.cursor(snap.guid(), "push"),
                                snap.guid(), snap.createTxg(), snap.creation()));
                    }
                }
                listing.put(DatasetPath.parse(String.format("pool/fs%05d", f)), List.copyOf(v));
            }
        }

        void run(boolean record) throws Exception {
            CannedZfs canned = new CannedZfs(listing);
            Zfs z = canned.proxy();
            Pruner p = Pruner.local(new ZfsSender(z, "bench", FilesystemFilter.of(Map.of("pool<", true)), SendFlags.NONE),
                    rules, PruneSettings.DEFAULT, (d, wake) -> false);
            System.gc();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            PruneReport r = p.run();
            double w = (System.nanoTime() - t0) / 1e6;
            double c = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            if (r.state() != PruneReport.State.DONE) {
                throw new IllegalStateException("prune failed: " + r.error() + " " + r.errors());
            }
            if (destroyed >= 0 && destroyed != r.destroyed()) {
                throw new IllegalStateException("runs differ: " + destroyed + " vs " + r.destroyed());
            }
            destroyed = r.destroyed();
            calls = canned.calls;
            destroyCalls = canned.destroyCalls;
            if (record) {
                double zf = canned.nanos / 1e6;
                wall.add(w);
                cpu.add(c);
                zfs.add(zf);
                jzrepl.add(c - zf);
            }
        }
    }

    /** The pool as a mutable copy of the listing, behind a Zfs proxy that times each call. */
    private static final class CannedZfs {
        private final Map<DatasetPath, LinkedHashMap<String, FilesystemVersion>> pool = new TreeMap<>();
        long nanos;
        long calls;
        long destroyCalls;

        CannedZfs(Map<DatasetPath, List<FilesystemVersion>> listing) {
            listing.forEach((fs, versions) -> {
                LinkedHashMap<String, FilesystemVersion> m = new LinkedHashMap<>();
                for (FilesystemVersion v : versions) {
                    m.put(v.relativeName(), v);
                }
                pool.put(fs, m);
            });
        }

        Zfs proxy() {
            return (Zfs) Proxy.newProxyInstance(Zfs.class.getClassLoader(), new Class<?>[] {Zfs.class},
                    (self, method, args) -> {
                        long t = System.nanoTime();
                        try {
                            calls++;
                            return switch (method.getName()) {
                                case "listDatasets", "listAll", "listTrees" -> pool.keySet().stream().map(this::info).toList();
                                case "dataset" -> Optional.ofNullable(pool.containsKey((DatasetPath) args[0])
                                        ? info((DatasetPath) args[0]) : null);
                                case "destroySnapshots" -> destroy((DatasetPath) args[0], castList(args[1]));
                                case "holds" -> List.of();
                                default -> throw new UnsupportedOperationException("canned zfs: " + method.getName());
                            };
                        } finally {
                            nanos += System.nanoTime() - t;
                        }
                    });
        }

        @SuppressWarnings("unchecked")
        private static List<String> castList(Object o) {
            return (List<String>) o;
        }

        private DatasetInfo info(DatasetPath fs) {
            return new DatasetInfo(fs, DatasetType.FILESYSTEM, new Guid(fs.name().hashCode() & 0xffffffL), Optional.empty(),
                    false, "off", KeyStatus.NONE, Optional.empty(), List.copyOf(pool.get(fs).values()));
        }

        private DestroyResult destroy(DatasetPath fs, List<String> names) {
            destroyCalls++;
            LinkedHashMap<String, FilesystemVersion> v = pool.get(fs);
            List<String> gone = new ArrayList<>();
            for (String n : names) {
                if (v.remove("@" + n) != null) {
                    gone.add(n);
                }
            }
            return new DestroyResult(gone, Map.of());
        }
    }

    private PruneBench() {
    }
}
