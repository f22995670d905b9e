package org.jzrepl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of this JVM and all its descendants, from /proc: for every live process of the tree its
 * user and system time plus those of its reaped children (so an sshd's finished sessions, a
 * socat's finished forks and this JVM's finished clients are all counted). Benchmarks whose sides
 * run one after the other take the difference around each side: a figure that other load on the
 * machine hardly moves, unlike throughput. Linux only; 0 where /proc cannot be read.
 */
public final class TreeCpu {
    /** Linux's USER_HZ. */
    private static final double TICK_MS = 10.0;

    private TreeCpu() {
    }

    /** Milliseconds of CPU of the process tree rooted at this JVM so far. */
    public static double millis() {
        try (Stream<ProcessHandle> all = Stream.concat(Stream.of(ProcessHandle.current()),
                ProcessHandle.current().descendants())) {
            return all.mapToLong(p -> ticks(p.pid(), true)).sum() * TICK_MS;
        }
    }

    /** Milliseconds of CPU of this JVM's own threads so far (without its children). */
    public static double ownMillis() {
        return ticks(ProcessHandle.current().pid(), false) * TICK_MS;
    }

    /** utime + stime (+ cutime + cstime with {@code children}) of {@code pid}; 0 if it is gone. */
    static long ticks(long pid, boolean children) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException gone) {
            return 0;
        }
        // the fields after the command name, which is in parentheses and may hold spaces: state is [0], utime [11]
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return children ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
    }
}
