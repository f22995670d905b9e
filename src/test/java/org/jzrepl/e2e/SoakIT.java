package org.jzrepl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.RunObserver;
import org.jzrepl.pruning.PruneReport;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.util.log.LogEntry;
import org.jzrepl.util.log.Logging;
import org.jzrepl.zfs.DatasetPath;

/**
 * The soak (issue 13): a push job snapshotting every 5 s into a sink, grid rules scaled to seconds
 * on both sides, data written all the time, the connection cut at a random byte offset every ~30 s,
 * for {@code SOAK_MINUTES} (environment or {@code -Dsoak.minutes}, default 2; {@code
 * scripts/soak.sh MINUTES} runs longer). The replication lags behind the 5 s ticks on a slow host;
 * at the end the snapshotter stops, the job (restarted with manual snapshotting) catches up in a
 * quiet run, and a second quiet run must destroy nothing. Then each side must hold exactly what an
 * independent grid ({@link SoakGrid}) keeps plus its protected incremental base, every snapshot on
 * both sides the same guid, no step hold, tentative cursor or partial receive left, and no full
 * send after the first. The last line printed is the summary the issue asks for.
 */
@Timeout(value = 12, unit = TimeUnit.HOURS)
class SoakIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    static final String GRID = "1x10s(keep=all) | 3x10s | 2x30s";
    static final String PREFIX = "soak_";

    final SafetyRig rig = new SafetyRig(TESTBED);
    @TempDir
    Path tmp;

    /**
     * No daemon dies here, so a stale last-received hold the receiver's pruning had to release is a
     * defect upstream (it once was: a stream cut after zfs had all of it).
     */
    private final List<String> repaired = new CopyOnWriteArrayList<>();
    private final Consumer<LogEntry> repairs = e -> {
        if (e.message().startsWith("released the stale hold")) {
            repaired.add(e.message());
        }
    };

    @BeforeEach
    void listenForRepairs() {
        Logging.addListener(repairs);
    }

    @AfterEach
    void stopListening() {
        Logging.removeListener(repairs);
    }

    @Test
    void soak() throws Exception {
        Duration length = Duration.ofMinutes(minutes());
        DatasetPath data = TESTBED.path("p/src/data");
        DatasetPath sinkRoot = TESTBED.path("p/sink");
        TESTBED.guest("zfs create -p " + data + " && zfs create " + sinkRoot);
        TESTBED.writeRandomKib(data, "seed.bin", 256);
        DatasetPath target = sinkRoot.child("soak").resolve(data);
        List<RunObserver.FinishedRun> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long ticks;
        long cuts;
        try (CutRig r = CutRig.start(TESTBED, tmp.resolve("d1"), jobs(data, sinkRoot, "{type: periodic, prefix: "
                + PREFIX + ", interval: 5s}"), 3)) {
            Instant end = Instant.now().plus(length);
            Instant nextCut = Instant.now().plusSeconds(nextCutSeconds());
            int file = 0;
            while (Instant.now().isBefore(end)) {
                TESTBED.writeRandomKib(data, "f" + (file++ % 4) + ".bin", ThreadLocalRandom.current().nextInt(32, 384));
                if (!r.cut.isArmed() && Instant.now().isAfter(nextCut)) {
                    r.cut.arm(ThreadLocalRandom.current().nextLong(0, 512 << 10));
                    nextCut = Instant.now().plusSeconds(nextCutSeconds());
                }
                Thread.sleep(2000);
            }
            r.cut.disarm();
            ticks = ((JobReport.Active) r.push.report()).snapshotting().ticks();
            cuts = r.cut.cuts();
            runs.addAll(r.runs);
        }
        // quiet: no more snapshots, no cuts; the first run catches up, the second must change nothing
        try (CutRig r = CutRig.start(TESTBED, tmp.resolve("d2"), jobs(data, sinkRoot, "{type: manual}"), 3)) {
            JobReport.Active caughtUp = r.run();
            if (caughtUp.last().state() != AttemptState.DONE) {
                caughtUp = r.run();
            }
            assertEquals(AttemptState.DONE, caughtUp.last().state(), "the quiet run caught up: " + caughtUp);
            JobReport.Active still = r.run();
            assertEquals(AttemptState.DONE, still.last().state(), still.toString());
            for (PruneReport p : still.pruning()) {
                assertEquals(PruneReport.State.DONE, p.state(), still.toString());
                assertEquals(0, p.destroyed(), "a second quiet prune destroys nothing: " + p);
                for (PruneReport.Filesystem f : p.filesystems()) {
                    for (PruneReport.Held h : f.held()) {      // a hold left behind keeps what the rules drop
                        problems.add(p.side() + " snapshot the rules drop is held: @" + h.snapshot() + " " + h.holds());
                    }
                }
            }
            runs.addAll(r.runs);
        }

        Map<String, SoakGrid.Snap> src = listing(data);
        Map<String, SoakGrid.Snap> dst = listing(target);
        Map<String, String> srcGuid = guids(data);
        Map<String, String> dstGuid = guids(target);
        SoakGrid grid = new SoakGrid(GRID, "^" + PREFIX);
        // protection: the sender's snapshot at its cursor, the receiver's newest the sender still has
        Set<String> cursorGuids = new TreeSet<>();
        for (String b : rig.bookmarks(data, SafetyRig.CURSOR)) {
            cursorGuids.add(rig.guid(data, "#" + b));
        }
        Set<String> srcExpected = new TreeSet<>(grid.keeps(List.copyOf(src.values())));
        srcGuid.forEach((name, guid) -> {
            if (cursorGuids.contains(guid)) {
                srcExpected.add(name);
            }
        });
        Set<String> dstExpected = new TreeSet<>(grid.keeps(List.copyOf(dst.values())));
        dst.values().stream().filter(s -> srcGuid.containsValue(dstGuid.get(s.name())))
                .max(java.util.Comparator.comparingLong(SoakGrid.Snap::creation)).ifPresent(s -> dstExpected.add(s.name()));
        int stale = 0;
        stale += diff("sender", src.keySet(), srcExpected, problems);
        stale += diff("receiver", dst.keySet(), dstExpected, problems);
        for (String h : rig.allHolds(data, SafetyRig.STEP_HOLD)) {
            problems.add("stale step hold on the sender: " + h);
            stale++;
        }
        for (String h : rig.allHolds(target, SafetyRig.STEP_HOLD)) {
            problems.add("stale step hold on the receiver: " + h);
            stale++;
        }
        for (String b : rig.bookmarks(data, SafetyRig.TENTATIVE)) {
            problems.add("tentative cursor left: " + b);
            stale++;
        }
        if (rig.bookmarks(data, SafetyRig.CURSOR).size() != 1) {
            problems.add("cursors on the sender: " + rig.bookmarks(data, SafetyRig.CURSOR));
            stale++;
        }
        if (!rig.property(target, "receive_resume_token").equals("-")) {
            problems.add("a partial receive is left");
            stale++;
        }
        int lost = 0;
        for (Map.Entry<String, String> e : dstGuid.entrySet()) {
            String s = srcGuid.get(e.getKey());
            if (s != null && !s.equals(e.getValue())) {
                problems.add("@" + e.getKey() + ": guid " + s + " on the sender, " + e.getValue() + " on the receiver");
                lost++;
            }
        }
        String newest = src.values().stream().max(java.util.Comparator.comparingLong(SoakGrid.Snap::creation))
                .map(SoakGrid.Snap::name).orElse("");
        if (!dst.containsKey(newest)) {
            problems.add("the receiver lacks the sender's newest @" + newest);
            lost++;
        }
        Set<String> onlySender = new TreeSet<>(src.keySet());
        onlySender.removeAll(dst.keySet());
        Set<String> onlyReceiver = new TreeSet<>(dst.keySet());
        onlyReceiver.removeAll(src.keySet());

        String firstFull = null;
        int fullResends = 0;
        int prunes = 0;
        int destroyed = 0;
        int failedRuns = 0;
        for (RunObserver.FinishedRun run : runs) {
            for (AttemptReport a : run.attempts()) {
                for (FilesystemReport f : a.filesystems()) {
                    for (StepReport s : f.steps()) {
                        if (s.from() == null && s.bytesReplicated() > 0) {
                            if (firstFull == null) {
                                firstFull = s.to();
                            } else if (!firstFull.equals(s.to())) {
                                problems.add("full send of " + s.to() + " after " + firstFull);
                                fullResends++;
                            }
                        }
                    }
                }
            }
            if (run.attempts().isEmpty() || run.attempts().get(run.attempts().size() - 1).state() != AttemptState.DONE) {
                failedRuns++;
            }
            for (PruneReport p : run.pruning()) {
                if (p.state() == PruneReport.State.DONE) {
                    prunes++;
                }
                destroyed += p.destroyed();
            }
        }
        System.out.println("soak: " + length.toMinutes() + " min, " + runs.size() + " runs (" + failedRuns
                + " not done), " + destroyed + " snapshots destroyed; sender " + src.keySet() + ", receiver "
                + dst.keySet() + "; only on the sender " + onlySender + ", only on the receiver " + onlyReceiver);
        repaired.forEach(m -> problems.add("the receiver's pruning found a stale hold: " + m));
        problems.forEach(p -> System.out.println("soak problem: " + p));
        if (!problems.isEmpty()) {
            for (RunObserver.FinishedRun run : runs) {
                System.out.println("soak run " + run.number() + " " + run.startedAt() + ".." + run.endedAt() + ":");
                for (AttemptReport a : run.attempts()) {
                    for (FilesystemReport f : a.filesystems()) {
                        for (StepReport st : f.steps()) {
                            System.out.println("  attempt " + a.state() + " step " + st.from() + " > " + st.to()
                                    + (st.resumed() ? " (resumed)" : "") + ": " + st.state() + " "
                                    + st.bytesReplicated() + " B" + (st.error() == null ? "" : " " + st.error()));
                        }
                    }
                }
            }
        }
        System.out.println("soak: " + ticks + " ticks, " + cuts + " cuts, " + prunes + " prunes, full resends: "
                + fullResends + ", stale: " + stale + ", lost: " + lost);
        assertTrue(ticks >= length.toSeconds() / 5 - 2, "the snapshotter ticked every 5 s: " + ticks);
        assertTrue(cuts >= 1, "the connection was cut");
        assertTrue(prunes > 0, "the pruners ran");
        assertEquals(List.of(), problems);
    }

    private static long minutes() {
        String v = System.getProperty("soak.minutes", System.getenv().getOrDefault("SOAK_MINUTES", "2"));
        long m = Long.parseLong(v.strip());
        if (m < 1) {
            throw new IllegalArgumentException("SOAK_MINUTES must be at least 1, got " + m);
        }
        return m;
    }

    private static long nextCutSeconds() {
        return ThreadLocalRandom.current().nextLong(20, 41);
    }

    private static String jobs(DatasetPath data, DatasetPath sinkRoot, String snapshotting) {
        String rules = "[{type: grid, grid: \"" + GRID + "\", regex: \"^" + PREFIX + "\"}]";
        return SafetyRig.sink("sink", sinkRoot) + "  - name: push\n    type: push\n"
                + "    connect: {type: local, listener_name: sink, client_identity: soak}\n"
                + "    filesystems: {\"" + data + "\": true}\n"
                + "    snapshotting: " + snapshotting + "\n"
                + "    pruning: {keep_sender: " + rules + ", keep_receiver: " + rules + "}\n";
    }

    /** Names not expected (stale) are counted; expected ones missing cannot happen (expected is a subset). */
    private static int diff(String side, Set<String> actual, Set<String> expected, List<String> problems) {
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        if (!extra.isEmpty()) {
            problems.add(side + " holds what the rules do not keep: " + extra);
        }
        if (!missing.isEmpty()) {
            problems.add(side + " lacks what the rules keep: " + missing);
        }
        return extra.size() + missing.size();
    }

    private static Map<String, SoakGrid.Snap> listing(DatasetPath fs) {
        Map<String, SoakGrid.Snap> out = new LinkedHashMap<>();
        for (String[] f : rows(fs, "name,creation")) {
            String name = f[0].substring(f[0].indexOf('@') + 1);
            out.put(name, new SoakGrid.Snap(name, Long.parseLong(f[1])));
        }
        return out;
    }

    private static Map<String, String> guids(DatasetPath fs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] f : rows(fs, "name,guid")) {
            out.put(f[0].substring(f[0].indexOf('@') + 1), f[1]);
        }
        return out;
    }

    private static List<String[]> rows(DatasetPath fs, String columns) {
        String out = TESTBED.guest("zfs list -H -p -o " + columns + " -t snapshot -s createtxg -d 1 "
                + ZfsTestbed.quote(fs.name())).strip();
        List<String[]> rows = new ArrayList<>();
        if (!out.isEmpty()) {
            for (String line : out.split("\n")) {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }
}
