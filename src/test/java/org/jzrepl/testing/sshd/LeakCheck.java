package org.jzrepl.testing.sshd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Counts this JVM's open fds and live threads before a case and checks, after a settle time,
 * that none are left over. Threads of the JVM itself and of JUnit are not counted.
 */
public final class LeakCheck {
    private final long fds;
    private final Set<String> threads;

    private LeakCheck(long fds, Set<String> threads) {
        this.fds = fds;
        this.threads = threads;
    }

    public static LeakCheck snapshot() throws IOException {
        return new LeakCheck(openFds(), threadNames());
    }

    public static long openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(t -> t.getName() + "#" + t.getId())
                .filter(n -> !n.startsWith("Common-Cleaner") && !n.startsWith("ForkJoinPool") && !n.startsWith("Attach Listener")
                        && !n.startsWith("process reaper") && !n.startsWith("surefire") && !n.startsWith("junit"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Waits up to 15 s for fd and thread counts to come back; throws AssertionError naming what leaked. */
    public void assertNoLeaks(String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            long nowFds = openFds();
            Set<String> extra = new TreeSet<>(threadNames());
            extra.removeAll(threads);
            if (nowFds <= fds && extra.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": leaked " + (nowFds - fds) + " fds and threads " + extra);
            }
            System.gc();
            Thread.sleep(100);
        }
    }
}
