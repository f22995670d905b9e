package org.jzrepl.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jzrepl.replication.plan.Plan;
import org.jzrepl.replication.plan.PlanPolicy;
import org.jzrepl.replication.plan.Planner;
import org.jzrepl.replication.plan.ReceiverFilesystem;
import org.jzrepl.replication.plan.SenderFilesystem;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;

/**
 * Plan benchmark ({@code scripts/bench.sh plan}): canned {@code zfs list} output of
 * 1,000 and 2,000 filesystems x 100 snapshots; times planning alone and parsing + planning,
 * median of 5 runs after 5 warm-up runs, the two sizes interleaved so that load from other processes
 * hits both alike. Prints wall-clock time, the measuring thread's CPU time and GC time. The last line
 * compares the two sizes by the thread's CPU time for parse + plan: the heap is sized so that no GC
 * runs during a timed run (printed), so on an idle machine that equals wall-clock time, and unlike
 * wall-clock time it does not depend on how many other processes want the CPUs:
 * {@code plan: <A> ms for 100k versions, <B> ms for 200k, growth: <B/A>}.
 */
public final class PlanBench {

    private static final int SNAPSHOTS = 100;
    private static final int WARMUP = 5;
    private static final int RUNS = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Inputs(List<SenderFilesystem> senders, List<ReceiverFilesystem> receivers) {
    }

    public static void main(String[] args) {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Size small = new Size(1_000);
        Size large = new Size(2_000);
        for (int i = 0; i < WARMUP + RUNS; i++) {
            small.run();
            large.run();
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("load average %.2f before, %.2f after, on %d cpus%n", loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors());
        pair("wall clock: plan only", small.planOnly, large.planOnly);
        pair("wall clock: parse + plan", small.parsePlan, large.parsePlan);
        pair("thread cpu: plan only", small.planOnlyCpu, large.planOnlyCpu);
        pair("thread cpu: parse + plan", small.parsePlanCpu, large.parsePlanCpu);
        pair("gc during parse + plan", small.parsePlanGc, large.parsePlanGc);
        double a = median(small.parsePlanCpu);
        double b = median(large.parsePlanCpu);
        System.out.printf("plan: %.0f ms for 100k versions, %.0f ms for 200k, growth: %.2f%n", a, b, b / a);
    }

    private static void pair(String what, List<Double> small, List<Double> large) {
        double a = median(small);
        double b = median(large);
        System.out.printf("%-26s %8.1f ms for 1000 fs, %8.1f ms for 2000 fs%s%n", what + ":", a, b,
                a > 0 ? String.format(", growth %.2f", b / a) : "");
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    /** One problem size: its listing, the reference plan, and the timings of the measured runs. */
    private static final class Size {
        private final CannedListing listing;
        private final Inputs inputs;
        private final Plan reference;
        private final List<Double> planOnly = new ArrayList<>();
        private final List<Double> planOnlyCpu = new ArrayList<>();
        private final List<Double> parsePlan = new ArrayList<>();
        private final List<Double> parsePlanCpu = new ArrayList<>();
        private final List<Double> parsePlanGc = new ArrayList<>();
        private int runs;

        Size(int filesystems) {
            listing = CannedListing.generate(filesystems, SNAPSHOTS, 20_261_122L + filesystems);
            inputs = parse(listing);
            reference = Planner.plan(inputs.senders, inputs.receivers, PlanPolicy.DEFAULT);
            long sv = inputs.senders.stream().mapToLong(s -> s.versions().size()).sum();
            long rv = inputs.receivers.stream().mapToLong(r -> r.versions().size()).sum();
            System.out.printf("%d filesystems: %d sender versions, %d receiver versions -> %d steps, %d conflicts%n",
                    filesystems, sv, rv, reference.steps().size(), reference.conflicts().size());
        }

        /** One run of each kind; the first WARMUP runs are not recorded. */
        void run() {
            System.gc();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Plan p = Planner.plan(inputs.senders, inputs.receivers, PlanPolicy.DEFAULT);
            double plan = (System.nanoTime() - t0) / 1e6;
            double planCpu = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            check(p, reference);
            System.gc();
            long gc0 = gcMillis();
            long c1 = THREADS.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            Inputs in = parse(listing);
            p = Planner.plan(in.senders, in.receivers, PlanPolicy.DEFAULT);
            double both = (System.nanoTime() - t1) / 1e6;
            double cpu = (THREADS.getCurrentThreadCpuTime() - c1) / 1e6;
            long gc = gcMillis() - gc0;
            check(p, reference);
            if (runs++ >= WARMUP) {
                planOnly.add(plan);
                planOnlyCpu.add(planCpu);
                parsePlan.add(both);
                parsePlanCpu.add(cpu);
                parsePlanGc.add((double) gc);
            }
        }
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static Inputs parse(CannedListing listing) {
        Map<DatasetPath, List<FilesystemVersion>> snd = ZfsListText.parse(listing.sender, Optional.empty());
        Map<DatasetPath, List<FilesystemVersion>> rcv = ZfsListText.parse(listing.receiver,
                Optional.of(DatasetPath.parse(CannedListing.RECEIVER_ROOT)));
        List<SenderFilesystem> senders = new ArrayList<>(snd.size());
        snd.forEach((fs, v) -> senders.add(new SenderFilesystem(fs, v)));
        List<ReceiverFilesystem> receivers = new ArrayList<>(rcv.size());
        rcv.forEach((fs, v) -> receivers.add(new ReceiverFilesystem(fs, v, Optional.empty(), false)));
        return new Inputs(senders, receivers);
    }

    /** Keeps the JIT honest: every run must produce the same plan. */
    private static void check(Plan p, Plan expected) {
        if (p.steps().size() != expected.steps().size() || p.conflicts().size() != expected.conflicts().size()) {
            throw new IllegalStateException("plans differ between runs: " + p + " vs " + expected);
        }
    }
}
