package org.jzrepl.replication.driver.bench;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.replication.driver.DriverSettings;
import org.jzrepl.replication.driver.ReplicationDriver;
import org.jzrepl.replication.plan.PlanPolicy;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.rpc.Streamed;
import org.jzrepl.testing.runtime.Runners;

/**
 * Driver benchmark ({@code scripts/bench.sh driver}), in-memory endpoints, each figure a ratio to a
 * baseline measured in the same run (median of 5 after 2 warm-ups):
 * <ol>
 *   <li>stream: one 4 GiB step through the driver vs the same send/receive/sendCompleted calls in
 *       a plain loop (the driver's counting stream and thread hand-off);</li>
 *   <li>per step: 2,000 filesystems x 1 step of 4 KiB, driver (listing, planning, queue, reports
 *       included) vs the plain loop; the difference per step is the driver's bookkeeping;</li>
 *   <li>concurrency: 64 steps whose send waits 20 ms (a round trip plus zfs start-up), with
 *       {@code concurrency.steps} 1, 4 and 8: speed-up over 1.</li>
 * </ol>
 * Last line: {@code driver: stream x<r>, per-step +<us> us, speed-up x<s4> (4 steps), x<s8> (8 steps)}.
 */
public final class DriverBench {

    private static final ReplicationConfig PROTECTION = new ReplicationConfig(
            ProtectionGuarantee.GUARANTEE_RESUMABILITY, ProtectionGuarantee.GUARANTEE_RESUMABILITY);
    private static final int WARMUP = 2;
    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        double[] stream = compare(() -> new BenchEndpoints(1, 2, 4L << 30, Duration.ZERO), 1);
        System.out.printf("stream 4 GiB:      driver %.0f ms, plain loop %.0f ms, ratio %.2f (%.0f MiB/s via driver)%n",
                stream[0], stream[1], stream[0] / stream[1], 4096 / (stream[0] / 1000));
        double[] steps = compare(() -> new BenchEndpoints(2000, 2, 4096, Duration.ZERO), 1);
        double perStepDriver = steps[0] * 1000 / 2000;
        double perStepLoop = steps[1] * 1000 / 2000;
        System.out.printf("2000 steps x 4 KiB: driver %.0f ms (%.1f us/step), plain loop %.0f ms (%.1f us/step),"
                + " ratio %.2f%n",
                steps[0], perStepDriver, steps[1], perStepLoop, steps[0] / steps[1]);
        double one = median(() -> timeDriver(new BenchEndpoints(64, 2, 4096, Duration.ofMillis(20)), 1));
        double four = median(() -> timeDriver(new BenchEndpoints(64, 2, 4096, Duration.ofMillis(20)), 4));
        double eight = median(() -> timeDriver(new BenchEndpoints(64, 2, 4096, Duration.ofMillis(20)), 8));
        System.out.printf("64 steps, 20 ms latency: 1 step at once %.0f ms, 4 at once %.0f ms (x%.2f),"
                + " 8 at once %.0f ms (x%.2f)%n",
                one, four, one / four, eight, one / eight);
        System.out.printf("driver: stream x%.2f, per-step +%.0f us, speed-up x%.2f (4 steps), x%.2f (8 steps)%n",
                stream[0] / stream[1], perStepDriver - perStepLoop, one / four, one / eight);
    }

    /** Medians of the driver and the plain loop on fresh endpoints, interleaved run by run. */
    private static double[] compare(java.util.function.Supplier<BenchEndpoints> world, int concurrency)
            throws Exception {
        List<Double> driver = new ArrayList<>();
        List<Double> loop = new ArrayList<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            double d = timeDriver(world.get(), concurrency);
            double l = timeLoop(world.get());
            if (i >= WARMUP) {
                driver.add(d);
                loop.add(l);
            }
        }
        return new double[] {median(driver), median(loop)};
    }

    private static double timeDriver(BenchEndpoints e, int concurrency) throws InterruptedException {
        DriverSettings s = new DriverSettings(concurrency, 0, 1, Duration.ofSeconds(1), PROTECTION, PlanPolicy.DEFAULT);
        ReplicationDriver d = new ReplicationDriver(e::session, s, Runners.shared());
        long t0 = System.nanoTime();
        AttemptReport r = d.run();
        long t1 = System.nanoTime();
        if (r.state() != AttemptState.DONE || r.stepsDone() == 0 || r.stepsDone() != r.stepsTotal()) {
            throw new IllegalStateException("benchmark run failed: " + r);
        }
        return (t1 - t0) / 1e6;
    }

    /** The same calls as the driver's steps, planned by hand: each fs from its oldest to newest snapshot. */
    private static double timeLoop(BenchEndpoints e) throws IOException {
        long t0 = System.nanoTime();
        for (var entry : e.listFilesystems().filesystems()) {
            List<Version> v = e.senderVersions(entry.path());
            for (int i = 1; i < v.size(); i++) {
                SendRequest req = new SendRequest(entry.path(), v.get(i - 1), v.get(i), null, PROTECTION);
                try (Streamed<SendResponse> sent = e.send(req)) {
                    e.receiver().receive(new ReceiveRequest(entry.path(), v.get(i - 1), v.get(i), true, PROTECTION), sent.stream());
                }
                e.sendCompleted(new SendCompletedRequest(req));
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private interface Timed {
        double run() throws Exception;
    }

    private static double median(Timed t) throws Exception {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            double v = t.run();
            if (i >= WARMUP) {
                out.add(v);
            }
        }
        return median(out);
    }

    private static double median(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }
}
