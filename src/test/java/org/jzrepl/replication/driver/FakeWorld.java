package org.jzrepl.replication.driver;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.VersionType;

/**
 * A small in-memory ZFS world for driver tests: the sender's filesystems with snapshots, the
 * receiver's copies (with partial receives and their resume tokens), deterministic stream bytes per
 * (fs, from, to), injectable faults, and what happened (sends, receives, completions, concurrency,
 * rule violations). Thread-safe: every method holds the world's lock, except stream I/O.
 */
final class FakeWorld {

    static final int DEFAULT_SIZE = 20_000;

    /** What goes wrong with the next send of one snapshot. */
    sealed interface Fault {
        /** {@code send} is refused with this (call) failure. */
        record Refuse(IOException failure) implements Fault { }

        /** The stream fails with {@code failure} after {@code bytes} bytes. */
        record Cut(long bytes, IOException failure) implements Fault { }

        /** The stream blocks before its first byte until {@link Gate#open()} or the session closes. */
        record Hold(Gate gate) implements Fault { }

        /**
         * After {@code bytes} bytes the stream delivers nothing more (as a stopped {@code zfs send})
         * until {@link Gate#open()} or until its session is closed.
         */
        record Stall(long bytes, Gate gate) implements Fault { }

        /** The stream sleeps this long before each chunk. */
        record Slow(long millisPerChunk) implements Fault { }

        /** After {@code bytes} bytes the stream runs {@code action} (e.g. cuts a wire), then goes on. */
        record Act(long bytes, Runnable action) implements Fault { }

        /**
         * {@code send} (or, keyed {@code fs@to#dry}, {@code sendDry}) hangs before it answers, as a
         * stopped local {@code zfs send}: until the step's kill switch kills it (see {@link StoppedProcess}).
         */
        record HungSend() implements Fault { }

        /** {@code send} throws this Error (as a class missing from a replaced jar would). */
        record Crash(Error error) implements Fault { }
    }

    /** A receiver filesystem: its versions, or a placeholder; and a partial receive, if any. */
    static final class Copy {
        final List<FilesystemVersion> versions = new ArrayList<>();
        boolean placeholder;
        Partial partial;
    }

    /** An interrupted receive: {@code offset} bytes of the stream (fs, from -> to) arrived. */
    record Partial(DatasetPath fs, FilesystemVersion to, Optional<Guid> from, long offset) {
        String token() {
            return "fake|" + fs.name() + "|" + to.name() + "|" + to.guid().decimal() + "|"
                    + from.map(Guid::decimal).orElse("-") + "|" + offset;
        }
    }

    final Map<DatasetPath, List<FilesystemVersion>> sender = new TreeMap<>();
    final Set<DatasetPath> senderPlaceholders = new TreeSet<>();
    final Map<DatasetPath, Copy> receiver = new TreeMap<>();
    private final Map<String, List<Fault>> faults = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();
    private long nextGuid = 1001;
    private long txg = 100;

    final List<String> sends = new ArrayList<>();
    /** Sends whose request said the size was known (estimated by a dry send before). */
    final AtomicInteger sendsWithKnownSize = new AtomicInteger();
    final List<String> receives = new ArrayList<>();
    final List<String> completed = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    /** Local zfs processes that stopped ({@link StoppedProcess}), and those of them that were killed. */
    final List<String> stopped = new ArrayList<>();
    final List<String> killed = new ArrayList<>();
    private final Map<String, List<Long>> stuckReceives = new HashMap<>();
    /** Children received while their (replicated) parent did not exist on the receiver yet. */
    final List<String> orphans = new ArrayList<>();
    /**
     * When set, each receive counts it down on entry and each send waits (at most 5 s) for that
     * before it answers, recording a violation if the receiver has not started.
     */
    volatile java.util.concurrent.CountDownLatch receiverStarted;
    /** When set, each dry send counts it down and waits (at most 5 s) until it reaches zero. */
    volatile java.util.concurrent.CountDownLatch dryRendezvous;
    final AtomicInteger activeDry = new AtomicInteger();
    final AtomicInteger maxActiveDry = new AtomicInteger();
    final AtomicInteger activeSteps = new AtomicInteger();
    final AtomicInteger maxActiveSteps = new AtomicInteger();

    /** Creates a sender snapshot {@code fs@name}, newer than every version so far. */
    synchronized FilesystemVersion snapshot(String fs, String name) {
        txg++;
        FilesystemVersion v = new FilesystemVersion(VersionType.SNAPSHOT, name, new Guid(nextGuid++), txg,
                Instant.ofEpochSecond(1_700_000_000L + txg * 60));
        sender.computeIfAbsent(DatasetPath.parse(fs), k -> new ArrayList<>()).add(v);
        return v;
    }

    /** Sender snapshots named in order: {@code snapshots("pool/a", "s1", "s2")}. */
    synchronized void snapshots(String fs, String... names) {
        for (String n : names) {
            snapshot(fs, n);
        }
    }

    /** Gives the receiver a copy of {@code fs} holding the sender's snapshots of these names. */
    synchronized void received(String fs, String... names) {
        DatasetPath p = DatasetPath.parse(fs);
        Copy c = receiver.computeIfAbsent(p, k -> new Copy());
        for (String n : names) {
            c.versions.add(senderVersion(p, n));
        }
    }

    synchronized void receiverPlaceholder(String fs) {
        receiver.computeIfAbsent(DatasetPath.parse(fs), k -> new Copy()).placeholder = true;
    }

    /** A receiver-only snapshot (to make a filesystem diverge). */
    synchronized void receiverOnlySnapshot(String fs, String name) {
        txg++;
        receiver.computeIfAbsent(DatasetPath.parse(fs), k -> new Copy()).versions.add(new FilesystemVersion(
                VersionType.SNAPSHOT, name, new Guid(nextGuid++), txg, Instant.ofEpochSecond(1_700_000_000L + txg)));
    }

    synchronized FilesystemVersion senderVersion(DatasetPath fs, String name) {
        return sender.getOrDefault(fs, List.of()).stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sender snapshot " + fs + "@" + name));
    }

    /** The next send of {@code fs@to} (full name) meets {@code fault}; faults queue up per snapshot. */
    synchronized void fault(String fsAtTo, Fault fault) {
        faults.computeIfAbsent(fsAtTo, k -> new ArrayList<>()).add(fault);
    }

    synchronized Fault takeFault(String fsAtTo) {
        List<Fault> l = faults.get(fsAtTo);
        return l == null || l.isEmpty() ? null : l.remove(0);
    }

    /** The next receive of {@code fs@to} stops reading after {@code bytes} bytes (a stopped local zfs recv). */
    synchronized void stuckReceive(String fsAtTo, long bytes) {
        stuckReceives.computeIfAbsent(fsAtTo, k -> new ArrayList<>()).add(bytes);
    }

    /** Where the next receive of {@code fs@to} stops reading, or -1. */
    synchronized long takeStuckReceive(String fsAtTo) {
        List<Long> l = stuckReceives.get(fsAtTo);
        return l == null || l.isEmpty() ? -1 : l.remove(0);
    }

    synchronized void stopped(String what) {
        stopped.add(what);
    }

    synchronized void killed(String what) {
        killed.add(what);
    }

    synchronized void size(String fsAtTo, int bytes) {
        sizes.put(fsAtTo, bytes);
    }

    synchronized long length(DatasetPath fs, FilesystemVersion to) {
        return sizes.getOrDefault(fs.name() + "@" + to.name(), DEFAULT_SIZE);
    }

    /** The seed of the stream fs (from) -> to: depends on all three, so a wrong stream is noticed. */
    static long seed(DatasetPath fs, FilesystemVersion to, Optional<Guid> from) {
        return fs.name().hashCode() * 31L + to.guid().value() * 17L + from.map(Guid::value).orElse(7L);
    }

    /** Byte {@code i} of the stream with this seed. */
    static byte content(long seed, long i) {
        return (byte) ((seed + i * 131) >>> 3);
    }

    synchronized List<String> receiverSnapshots(String fs) {
        Copy c = receiver.get(DatasetPath.parse(fs));
        return c == null ? List.of() : c.versions.stream().map(FilesystemVersion::name).toList();
    }

    synchronized Partial partial(String fs) {
        Copy c = receiver.get(DatasetPath.parse(fs));
        return c == null ? null : c.partial;
    }

    synchronized void violation(String what) {
        violations.add(what);
    }

    synchronized List<String> log(List<String> which) {
        return List.copyOf(which);
    }

    void stepStarted() {
        int n = activeSteps.incrementAndGet();
        maxActiveSteps.accumulateAndGet(n, Math::max);
    }

    void stepEnded() {
        activeSteps.decrementAndGet();
    }
}
