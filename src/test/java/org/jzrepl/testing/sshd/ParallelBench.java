package org.jzrepl.testing.sshd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jzrepl.rpc.RpcClient;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.transport.ssh.SshStdinserverConnecter;

/**
 * N streams at once (1, 2, 4) over one jzrepl connecter (one SSH session, one exec channel and
 * one RPC connection per stream, as a job's concurrent steps use it) against N parallel OpenSSH
 * {@code ssh -c aes128-gcm cat FILE} processes on the same sshd. Aggregate rate: all bytes over
 * the time from the first byte of any stream to the last EOF. Interleaved rounds, medians.
 */
final class ParallelBench {
    private static final int[] STREAMS = {1, 2, 4};

    private final TransportBench bench;
    private final Path file;
    private final long size;
    private final Path catKey;

    ParallelBench(TransportBench bench, Path file, long size, Path catKey) {
        this.bench = bench;
        this.file = file;
        this.size = size;
        this.catKey = catKey;
    }

    void run(int rounds) throws Exception {
        System.out.printf(Locale.ROOT, "machine: %d cores; %d MiB per stream%n",
                Runtime.getRuntime().availableProcessors(), size >> 20);
        double[][] jz = new double[STREAMS.length][rounds];
        double[][] ssh = new double[STREAMS.length][rounds];
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(bench.sshdSettings())) {
            aggregate(c, 1);   // warm-up, not timed: a long-running daemon's paths are JIT-compiled
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < STREAMS.length; i++) {
                    jz[i][r] = aggregate(c, STREAMS[i]);
                    ssh[i][r] = opensshAggregate(STREAMS[i]);
                    System.out.printf(Locale.ROOT, "round %d, %d streams: jzrepl %.0f MiB/s, OpenSSH %.0f MiB/s%n",
                            r + 1, STREAMS[i], jz[i][r], ssh[i][r]);
                }
            }
        }
        for (int i = 0; i < STREAMS.length; i++) {
            System.out.printf(Locale.ROOT, "%d streams: jzrepl %.0f MiB/s, openssh %.0f MiB/s, ratio %.2f%n", STREAMS[i],
                    TransportBench.median(jz[i]), TransportBench.median(ssh[i]),
                    TransportBench.median(jz[i]) / TransportBench.median(ssh[i]));
        }
        double one = TransportBench.median(jz[0]);
        double two = TransportBench.median(jz[1]);
        double twoSsh = TransportBench.median(ssh[1]);
        System.out.printf(Locale.ROOT, "scaling: 2 streams / 1 stream = %.2f (openssh %.2f)%n", two / one,
                twoSsh / TransportBench.median(ssh[0]));
        System.out.printf(Locale.ROOT, "parallel: 2 streams %.0f MiB/s, openssh: %.0f MiB/s, ratio: %.2f%n",
                two, twoSsh, two / twoSsh);
    }

    private double aggregate(SshStdinserverConnecter c, int n) throws Exception {
        return timed(n, () -> {
            try (RpcConnection conn = RpcConnection.open(c.connect(), RpcSettings.defaults(Runners.shared()));
                    InputStream in = RpcClient.proxy(WireTestEndpoint.class, conn)
                            .file(new WireTestEndpoint.FileRequest(file.toString()))) {
                return drain(in);
            }
        });
    }

    private double opensshAggregate(int n) throws Exception {
        return timed(n, () -> {
            Process p = new ProcessBuilder(bench.opensshArgv(catKey, "-c", "aes128-gcm@openssh.com"))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            long[] span;
            try (InputStream in = p.getInputStream()) {
                span = drain(in);
            }
            if (p.waitFor() != 0) {
                throw new IOException("ssh cat failed: " + p.exitValue());
            }
            return span;
        });
    }

    /** Runs {@code n} streams at once; each returns {first byte, EOF} in nanos; the aggregate MiB/s. */
    private double timed(int n, Callable<long[]> stream) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<long[]>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(pool.submit(stream));
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

    private long[] drain(InputStream in) throws IOException {
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
}
