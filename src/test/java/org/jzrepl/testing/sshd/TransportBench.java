package org.jzrepl.testing.sshd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jzrepl.bench.ParallelBench;
import org.jzrepl.rpc.RpcClient;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.transport.ssh.SshStdinserverConnecter;
import org.jzrepl.transport.stdinserver.StdinserverListener;

/**
 * Benchmarks of the SSH transport, through the RPC as jzrepl uses it, against OpenSSH on the same sshd, interleaved, medians.
 * {@code TransportBench ssh|connect WORKDIR ROUNDS FORCED_TEMPLATE}; the template is the forced
 * command with an {@code {identity}} placeholder. Without a {@code {sockdir}} placeholder, sshd
 * runs with an /etc overlay holding /etc/jzrepl/jzrepl.yml, so the production form
 * {@code jzrepl stdinserver IDENT} reads its sockdir from the config as it would on a real host. Prints the summary line last.
 */
public final class TransportBench {
    private final Path work;
    private final TestSshd sshd;
    private final RpcTestDaemon daemon;

    private TransportBench(Path work, String forcedTemplate) throws Exception {
        this.work = work;
        Path sockdir = work.resolve("sock");
        this.sshd = TestSshd.start(work.resolve("sshd"), forcedTemplate.contains("{sockdir}") ? java.util.Map.of()
                : java.util.Map.of("jzrepl/jzrepl.yml", ForcedCommand.config(sockdir)));
        Files.createDirectories(sockdir);
        Files.setPosixFilePermissions(sockdir, PosixFilePermissions.fromString("rwx------"));
        this.daemon = new RpcTestDaemon(StdinserverListener.open(sockdir, List.of("client1"), Runners.shared()));
        sshd.authorize(forcedTemplate.replace("{sockdir}", sockdir.toString()).replace("{identity}", "client1"), sshd.clientPublicKey());
    }

    public static void main(String[] args) throws Exception {
        String what = args[0];
        Path work = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        TransportBench b = new TransportBench(work, args[3]);
        try {
            if (what.equals("ssh")) {
                b.throughput(rounds, Long.parseLong(args.length > 4 ? args[4] : String.valueOf(2L << 30)));
            } else if (what.equals("parallel")) {
                b.parallel(rounds, Long.parseLong(args.length > 4 ? args[4] : String.valueOf(512L << 20)));
            } else {
                b.connect(rounds);
            }
        } finally {
            b.daemon.close();
            b.sshd.close();
        }
        System.exit(0);
    }

    /**
     * N streams at once over one jzrepl connecter (one SSH session, one exec channel and RPC
     * connection per stream, as a job's concurrent steps use it) against N parallel OpenSSH
     * {@code ssh -c aes128-gcm cat FILE} processes on the same sshd.
     */
    private void parallel(int rounds, long size) throws Exception {
        Path file = payload(size);
        List<String> cat = opensshArgv(catKey(file), "-c", "aes128-gcm@openssh.com");
        // a dial timeout for a loaded machine: 4 forced-command JVMs start at once; timing starts at the first byte
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(sshd.settings().withDialTimeout(Duration.ofSeconds(60)))) {
            new ParallelBench("parallel", "OpenSSH", size, () -> ParallelBench.rpcFile(c, file, size),
                    () -> ParallelBench.process(cat, size)).run(rounds);
        }
    }

    List<String> opensshArgv(Path key, String... extra) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-T", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + sshd.knownHosts(),
                "-o", "StrictHostKeyChecking=yes", "-o", "IdentitiesOnly=yes", "-F", "/dev/null", "-i", key.toString(),
                "-p", String.valueOf(sshd.port())));
        argv.addAll(Arrays.asList(extra));
        argv.add(System.getProperty("user.name") + "@127.0.0.1");
        return argv;
    }

    /** A file of {@code size} bytes of test data in the work directory (kept between rounds). */
    Path payload(long size) throws IOException {
        Path file = work.resolve("payload.bin");
        if (!Files.exists(file) || Files.size(file) != size) {
            try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                TestStreams.write(ch, size, 1);
            }
        }
        return file;
    }

    /** A key whose forced command is {@code cat FILE}, for the OpenSSH baseline. */
    Path catKey(Path file) throws IOException, InterruptedException {
        Path catKey = work.resolve("cat_ed25519");
        if (!Files.exists(catKey)) {
            TestSshd.generateKey(catKey, "ed25519", "");
            sshd.authorize("cat " + file, Path.of(catKey + ".pub"));
        }
        return catKey;
    }

    private void throughput(int rounds, long size) throws Exception {
        Path file = payload(size);
        Path catKey = catKey(file);
        double[] mina = new double[rounds];
        double[] openssh = new double[rounds];
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(sshd.settings())) {
            // warm-up, not timed: a long-running daemon has its SSH and RPC paths JIT-compiled
            try (RpcConnection warm = RpcConnection.open(c.connect(), RpcSettings.defaults(Runners.shared()));
                    InputStream in = RpcClient.proxy(WireTestEndpoint.class, warm).file(new WireTestEndpoint.FileRequest(file.toString()))) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            double gib = size / (double) (1L << 30);
            for (int i = 0; i < rounds; i++) {
                double tree0 = org.jzrepl.bench.TreeCpu.millis();
                java.util.Map<String, Long> cpu0 = threadCpu();
                try (RpcConnection conn = RpcConnection.open(c.connect(), RpcSettings.defaults(Runners.shared()));
                        InputStream in = RpcClient.proxy(WireTestEndpoint.class, conn).file(new WireTestEndpoint.FileRequest(file.toString()))) {
                    mina[i] = mibPerSecond(in, size);
                }
                if (Boolean.getBoolean("bench.threadCpu")) {
                    java.util.Map<String, Long> cpu1 = threadCpu();
                    cpu1.forEach((k, v) -> {
                        long d = v - cpu0.getOrDefault(k, 0L);
                        if (d > 50_000_000L) {
                            System.out.printf(Locale.ROOT, "  cpu %5d ms  %s%n", d / 1_000_000, k);
                        }
                    });
                }
                double tree1 = org.jzrepl.bench.TreeCpu.millis();
                Process p = new ProcessBuilder(opensshArgv(catKey, "-c", "aes128-gcm@openssh.com"))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                try (InputStream in = p.getInputStream()) {
                    openssh[i] = mibPerSecond(in, size);
                }
                p.waitFor();
                System.out.printf(Locale.ROOT, "  CPU per GiB of all processes: jzrepl %.0f ms, OpenSSH %.0f ms%n",
                        (tree1 - tree0) / gib, (org.jzrepl.bench.TreeCpu.millis() - tree1) / gib);
                System.out.printf(Locale.ROOT, "round %d: jzrepl/MINA %.0f MiB/s, OpenSSH %.0f MiB/s%n", i + 1, mina[i], openssh[i]);
            }
        }
        double x = median(mina);
        double y = median(openssh);
        System.out.printf(Locale.ROOT, "ssh: %.0f MiB/s, openssh: %.0f MiB/s, ratio: %.2f%n", x, y, x / y);
    }

    /** Throughput of the data phase: first byte to EOF, same measurement for both clients. */
    private static double mibPerSecond(InputStream in, long expected) throws IOException {
        long[] span = ParallelBench.drain(in, expected);
        return (expected / 1048576.0) / ((span[1] - span[0]) / 1e9);
    }

    private void connect(int rounds) throws Exception {
        Path trueKey = work.resolve("true_ed25519");
        TestSshd.generateKey(trueKey, "ed25519", "");
        sshd.authorize("true", Path.of(trueKey + ".pub"));
        double[] jz = new double[rounds];
        double[] ssh = new double[rounds];
        dialAndPing(); // warm-up of this JVM
        for (int i = 0; i < rounds; i++) {
            jz[i] = dialAndPing();
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(opensshArgv(trueKey)).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException("ssh true failed: " + p.exitValue());
            }
            ssh[i] = (System.nanoTime() - t0) / 1e6;
            System.out.printf(Locale.ROOT, "round %d: jzrepl dial+ping %.0f ms, ssh true %.0f ms%n", i + 1, jz[i], ssh[i]);
        }
        double x = median(jz);
        double y = median(ssh);
        System.out.printf(Locale.ROOT, "connect: %.0f ms, ssh-true: %.0f ms, ratio: %.2f%n", x, y, x / y);
    }

    /** New connecter (fresh SSH session) → channel → banner → RPC handshake → first answer to a ping. */
    private double dialAndPing() throws IOException {
        long t0 = System.nanoTime();
        try (SshStdinserverConnecter c = new SshStdinserverConnecter(sshd.settings().withDialTimeout(Duration.ofSeconds(30)));
                RpcConnection conn = RpcConnection.open(c.connect(), RpcSettings.defaults(Runners.shared()))) {
            WireTestEndpoint.Pong pong = RpcClient.proxy(WireTestEndpoint.class, conn).ping(new WireTestEndpoint.Ping("ping"));
            double ms = (System.nanoTime() - t0) / 1e6;
            if (!pong.echo().equals("ping")) {
                throw new IOException("wrong answer " + pong);
            }
            return ms;
        }
    }

    private static java.util.Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> m = new java.util.TreeMap<>();
        for (long id : mx.getAllThreadIds()) {
            java.lang.management.ThreadInfo ti = mx.getThreadInfo(id);
            long t = mx.getThreadCpuTime(id);
            if (ti != null && t > 0) {
                m.merge(ti.getThreadName(), t, Long::sum);
            }
        }
        return m;
    }

    static double median(double[] v) {
        return ParallelBench.median(v);
    }
}
