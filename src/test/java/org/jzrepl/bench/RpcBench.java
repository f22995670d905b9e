package org.jzrepl.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jzrepl.rpc.RpcClient;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcServer;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;

/**
 * Benchmark (not a test): streams bytes through an RPC stream call between two JVMs over an
 * AF_UNIX socket, and the same number of bytes through a plain socket copy, interleaved, with
 * the same direct buffer size on both paths. Run by {@code scripts/bench/rpc.sh}.
 *
 * <pre>
 *   java RpcBench server DIR BUFSIZE               listens on DIR/raw.sock and DIR/rpc.sock
 *   java RpcBench client DIR BYTES ROUNDS BUFSIZE [SERVER_PID]
 *                                                  prints per-round figures, then the summary
 * </pre>
 * With the server's pid, each round also reports the CPU time both processes spent per GiB
 * (from /proc), a figure that load from other processes distorts much less than throughput.
 * Raw: the client sends the byte count, the server writes that many bytes from one direct
 * buffer, the client reads them into one direct buffer. RPC: the client calls
 * {@code stream(bytes)}; the server's endpoint returns a channel-backed InputStream that hands
 * out the same direct buffer's worth per read, and the client reads the response stream into a
 * direct buffer through its ReadableByteChannel side.
 */
public final class RpcBench {

    /** The benchmark endpoint. */
    public interface Bench {
        record Size(long bytes) {
        }

        record Ping(int n) {
        }

        InputStream stream(Size size) throws IOException;

        Ping ping(Ping ping) throws IOException;
    }

    private RpcBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("server")) {
            server(dir, Integer.parseInt(args[2]));
        } else {
            long serverPid = args.length > 5 ? Long.parseLong(args[5]) : -1;
            client(dir, Long.parseLong(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), serverPid);
        }
    }

    // ---- server process

    private static void server(Path dir, int bufsize) throws Exception {
        ServerSocketChannel raw = listen(dir.resolve("raw.sock"));
        ServerSocketChannel rpc = listen(dir.resolve("rpc.sock"));
        Thread rpcThread = new Thread(() -> acceptLoop(rpc, ch -> {
            RpcConnection c = RpcConnection.open(ch, ch, ch, RpcSettings.defaults(Runners.shared()).withStreamChunk(bufsize));
            RpcServer.serve(c, Bench.class, new BenchImpl());
        }), "rpc-accept");
        rpcThread.setDaemon(true);
        rpcThread.start();
        Files.writeString(dir.resolve("ready"), "ready");
        ByteBuffer buf = ByteBuffer.allocateDirect(bufsize);
        acceptLoop(raw, ch -> {
            ByteBuffer count = ByteBuffer.allocate(8);
            while (count.hasRemaining() && ch.read(count) >= 0) {
                // read the count
            }
            long left = count.flip().getLong();
            while (left > 0) {
                buf.clear().limit((int) Math.min(bufsize, left));
                while (buf.hasRemaining()) {
                    left -= ch.write(buf);
                }
            }
            ch.close();
        });
    }

    private interface Session {
        void run(SocketChannel ch) throws Exception;
    }

    private static void acceptLoop(ServerSocketChannel server, Session session) {
        while (true) {
            try (SocketChannel ch = server.accept()) {
                session.run(ch);
            } catch (Exception e) {
                if (!server.isOpen()) {
                    return;
                }
                System.err.println("bench server: " + e);
            }
        }
    }

    private static ServerSocketChannel listen(Path path) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(path));
        return s;
    }

    /** Hands out {@code bytes} bytes without producing them, like the raw path's reused buffer. */
    static final class BenchImpl implements Bench {
        @Override
        public InputStream stream(Size size) {
            return new ZeroSource(size.bytes());
        }

        @Override
        public Ping ping(Ping ping) {
            return new Ping(ping.n() + 1);
        }
    }

    static final class ZeroSource extends InputStream implements ReadableByteChannel {
        private long left;

        ZeroSource(long bytes) {
            left = bytes;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), left);
            dst.position(dst.position() + n);
            left -= n;
            return n;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }

    // ---- client process

    private static void client(Path dir, long bytes, int rounds, int bufsize, long serverPid) throws Exception {
        ByteBuffer buf = ByteBuffer.allocateDirect(bufsize);
        RpcSettings settings = RpcSettings.defaults(Runners.shared()).withStreamChunk(bufsize);
        System.out.printf(Locale.ROOT, "rpc bench: %d MiB per path per round, %d rounds, buffer %d KiB, AF_UNIX, "
                + "2 JVMs%n", bytes >> 20, rounds, bufsize >> 10);
        rpcRound(dir, Math.min(bytes, 512L << 20), buf, settings);
        rawRound(dir, Math.min(bytes, 512L << 20), buf);
        List<Double> rpc = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> rpcCpu = new ArrayList<>();
        List<Double> rawCpu = new ArrayList<>();
        double gib = bytes / (double) (1L << 30);
        for (int i = 0; i < rounds; i++) {
            for (int k = 0; k < 2; k++) {
                boolean doRaw = (i + k) % 2 == 0;
                double cpu0 = cpuMillis(serverPid);
                double rate = doRaw ? rawRound(dir, bytes, buf) : rpcRound(dir, bytes, buf, settings);
                double cpu = (cpuMillis(serverPid) - cpu0) / gib;
                (doRaw ? raw : rpc).add(rate);
                (doRaw ? rawCpu : rpcCpu).add(cpu);
            }
            System.out.printf(Locale.ROOT, "round %d: rpc %.0f MiB/s, raw %.0f MiB/s", i + 1, rpc.get(i), raw.get(i));
            if (serverPid > 0) {
                System.out.printf(Locale.ROOT, "; CPU of both processes per GiB: rpc %.0f ms, raw %.0f ms",
                        rpcCpu.get(i), rawCpu.get(i));
            }
            System.out.println();
        }
        latency(dir, settings);
        if (serverPid > 0) {
            System.out.printf(Locale.ROOT, "median CPU per GiB (both processes): rpc %.0f ms, raw %.0f ms, ratio raw/rpc %.2f%n",
                    median(rpcCpu), median(rawCpu), median(rawCpu) / median(rpcCpu));
        }
        double r = median(rpc);
        double w = median(raw);
        System.out.printf(Locale.ROOT, "rpc: %.0f MiB/s, raw: %.0f MiB/s, ratio: %.2f%n", r, w, r / w);
    }

    /** CPU time of this process and the server process so far, in ms (0 for the server if unknown). */
    private static double cpuMillis(long serverPid) throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double self = os.getProcessCpuTime() / 1e6;
        if (serverPid <= 0) {
            return self;
        }
        String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return self + ticks * 10.0;
    }

    private static double rawRound(Path dir, long bytes, ByteBuffer buf) throws IOException {
        try (SocketChannel ch = connect(dir.resolve("raw.sock"))) {
            long t0 = System.nanoTime();
            ByteBuffer count = ByteBuffer.allocate(8).putLong(bytes).flip();
            while (count.hasRemaining()) {
                ch.write(count);
            }
            long got = 0;
            int n;
            while ((n = ch.read(buf.clear())) >= 0) {
                got += n;
            }
            return rate(bytes, got, t0);
        }
    }

    private static double rpcRound(Path dir, long bytes, ByteBuffer buf, RpcSettings settings) throws IOException {
        SocketChannel ch = connect(dir.resolve("rpc.sock"));
        RpcConnection c = RpcConnection.open(ch, ch, ch, settings);
        try {
            Bench bench = RpcClient.proxy(Bench.class, c);
            long t0 = System.nanoTime();
            long got = 0;
            try (InputStream in = bench.stream(new Bench.Size(bytes))) {
                ReadableByteChannel stream = (ReadableByteChannel) in;
                int n;
                while ((n = stream.read(buf.clear())) >= 0) {
                    got += n;
                }
            }
            return rate(bytes, got, t0);
        } finally {
            c.close();
        }
    }

    private static void latency(Path dir, RpcSettings settings) throws IOException {
        SocketChannel ch = connect(dir.resolve("rpc.sock"));
        try (RpcConnection c = RpcConnection.open(ch, ch, ch, settings)) {
            Bench bench = RpcClient.proxy(Bench.class, c);
            for (int i = 0; i < 20_000; i++) {
                bench.ping(new Bench.Ping(i));
            }
            int n = 20_000;
            double[] us = new double[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                bench.ping(new Bench.Ping(i));
                us[i] = (System.nanoTime() - t0) / 1e3;
            }
            Arrays.sort(us);
            System.out.printf(Locale.ROOT, "small call round trip (ping, JSON in and out): median %.1f us, p99 %.1f us%n",
                    us[n / 2], us[n * 99 / 100]);
        }
    }

    private static double rate(long expected, long got, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        if (got != expected) {
            throw new IllegalStateException("received " + got + " of " + expected + " bytes");
        }
        return got / s / (1 << 20);
    }

    private static SocketChannel connect(Path path) throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(path));
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
