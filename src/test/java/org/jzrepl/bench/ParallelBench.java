package org.jzrepl.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jzrepl.rpc.RpcClient;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.sshd.WireTestEndpoint;
import org.jzrepl.transport.Connecter;

/**
 * N streams at once (1, 2, 4) of one side (jzrepl over some transport) against N streams of a
 * baseline (OpenSSH, OpenSSL) of the same bytes. Aggregate rate: all bytes over the time from the
 * first byte of any stream to the last EOF; and the CPU time per GiB of all processes involved
 * ({@link TreeCpu}: set-up included, which other load hardly moves). One untimed jzrepl warm-up,
 * interleaved rounds, medians. Prints per-round lines, the medians, the 1 → 2 stream scaling, and last
 * {@code NAME: 2 streams X MiB/s, baseline: Y MiB/s, ratio: R}.
 */
public final class ParallelBench {
    private static final int[] STREAMS = {1, 2, 4};

    /** One stream of one side, opened, drained with {@link #drain(InputStream, long)} and closed: {first byte, EOF} in nanos. */
    @FunctionalInterface
    public interface Stream {
        long[] run() throws Exception;
    }

    private final String name;
    private final String baseline;
    private final long size;
    private final Stream jzrepl;
    private final Stream other;

    /**
     * @param name     the summary line's name, e.g. {@code parallel-tls}
     * @param baseline the baseline's name, e.g. {@code OpenSSL} (lower case in the summary)
     * @param size     bytes per stream
     */
    public ParallelBench(String name, String baseline, long size, Stream jzrepl, Stream other) {
        this.name = name;
        this.baseline = baseline;
        this.size = size;
        this.jzrepl = jzrepl;
        this.other = other;
    }

    public void run(int rounds) throws Exception {
        System.out.printf(Locale.ROOT, "machine: %d cores; %d MiB per stream%n",
                Runtime.getRuntime().availableProcessors(), size >> 20);
        double[][] jz = new double[STREAMS.length][rounds];
        double[][] base = new double[STREAMS.length][rounds];
        double[][] jzCpu = new double[STREAMS.length][rounds];
        double[][] baseCpu = new double[STREAMS.length][rounds];
        String lower = baseline.toLowerCase(Locale.ROOT);
        aggregate(jzrepl, 1);   // warm-up, not timed: a long-running daemon's paths are JIT-compiled
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < STREAMS.length; i++) {
                double cpu0 = TreeCpu.millis();
                double own0 = TreeCpu.ownMillis();
                jz[i][r] = aggregate(jzrepl, STREAMS[i]);
                double cpu1 = TreeCpu.millis();
                double own = TreeCpu.ownMillis() - own0;
                base[i][r] = aggregate(other, STREAMS[i]);
                double cpu2 = TreeCpu.millis();
                double gib = STREAMS[i] * (size / (double) (1L << 30));
                jzCpu[i][r] = (cpu1 - cpu0) / gib;
                baseCpu[i][r] = (cpu2 - cpu1) / gib;
                System.out.printf(Locale.ROOT, "round %d, %d streams: jzrepl %.0f MiB/s, %s %.0f MiB/s; CPU per GiB of all"
                        + " processes: jzrepl %.0f ms (this JVM %.0f ms), %s %.0f ms%n", r + 1, STREAMS[i], jz[i][r], baseline,
                        base[i][r], jzCpu[i][r], own / gib, baseline, baseCpu[i][r]);
            }
        }
        for (int i = 0; i < STREAMS.length; i++) {
            System.out.printf(Locale.ROOT, "%d streams: jzrepl %.0f MiB/s, %s %.0f MiB/s, ratio %.2f;"
                    + " CPU per GiB jzrepl %.0f ms, %s %.0f ms%n", STREAMS[i], median(jz[i]), lower, median(base[i]),
                    median(jz[i]) / median(base[i]), median(jzCpu[i]), lower, median(baseCpu[i]));
        }
        double two = median(jz[1]);
        double twoBase = median(base[1]);
        System.out.printf(Locale.ROOT, "scaling: 2 streams / 1 stream = %.2f (%s %.2f)%n", two / median(jz[0]), lower,
                twoBase / median(base[0]));
        System.out.printf(Locale.ROOT, "%s: 2 streams %.0f MiB/s, %s: %.0f MiB/s, ratio: %.2f%n",
                name, two, lower, twoBase, two / twoBase);
    }

    /** Runs {@code n} streams at once; the aggregate MiB/s. */
    private double aggregate(Stream stream, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<long[]>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(pool.submit(stream::run));
            }
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Future<long[]> f : all) {
                long[] span = f.get();
                first = Math.min(first, span[0]);
                last = Math.max(last, span[1]);
            }
            return (n * (size / 1048576.0)) / ((last - first) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A jzrepl stream: a new connection from {@code c}, an RPC connection on it, and the file's bytes as an RPC stream. */
    public static long[] rpcFile(Connecter c, Path file, long size) throws IOException {
        try (RpcConnection conn = RpcConnection.open(c.connect(), RpcSettings.defaults(Runners.shared()));
                InputStream in = RpcClient.proxy(WireTestEndpoint.class, conn)
                        .file(new WireTestEndpoint.FileRequest(file.toString()))) {
            return drain(in, size);
        }
    }

    /** A baseline stream: the standard output of a process running {@code argv}, which must exit 0. */
    public static long[] process(List<String> argv, long size) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        long[] span;
        try (InputStream in = p.getInputStream()) {
            span = drain(in, size);
        }
        if (p.waitFor() != 0) {
            throw new IOException(argv.get(0) + " failed: exit " + p.exitValue());
        }
        return span;
    }

    /** Reads {@code in} to EOF; {first byte, EOF} in nanos; throws unless exactly the stream's size arrived. */
    public static long[] drain(InputStream in, long size) throws IOException {
        byte[] buf = new byte[1 << 20];
        long got = 0;
        long start = 0;
        int r;
        while ((r = in.read(buf)) >= 0) {
            if (got == 0 && r > 0) {
                start = System.nanoTime();
            }
            got += r;
        }
        long end = System.nanoTime();
        if (got != size) {
            throw new IOException("expected " + size + " bytes, got " + got);
        }
        return new long[] {start, end};
    }

    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
