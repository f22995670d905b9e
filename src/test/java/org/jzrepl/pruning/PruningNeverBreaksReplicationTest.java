package org.jzrepl.pruning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.jzrepl.endpoint.AbstractionNames;
import org.jzrepl.replication.plan.Outcome;
import org.jzrepl.replication.plan.PlanPolicy;
import org.jzrepl.replication.plan.Planner;
import org.jzrepl.replication.plan.ReceiverFilesystem;
import org.jzrepl.replication.plan.SenderFilesystem;
import org.jzrepl.runtime.Sleeper;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.VersionRef;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The issue's property: over random histories (snapshots taken, replications to 1-3 targets,
 * each target its own job and cursor, interleaved with cuts before the receive and lost
 * confirmations after it, under each replication guarantee, its step protection left on the
 * sender as StepProtection leaves it), after every prune of the sender and of a receiver, with
 * rules drawn from every kind, every target can still replicate incrementally (the real planner
 * says "up to date" or plans an incremental first step, or has nothing new to send while the
 * sender keeps the receiver's newest guid), and nothing a keep rule keeps was destroyed.
 *
 * <p>One limit, by design of the guarantees: under {@code guarantee_nothing} a lost confirmation
 * leaves no trace on the sender (no step hold, no tentative cursor, the cursor behind), so only the
 * pruner of that target's own job, which lists its receiver, protects the snapshot it received;
 * another job's prune of the same sender may destroy it. Histories with several targets therefore
 * lose confirmations only under the other two guarantees.
 */
class PruningNeverBreaksReplicationTest {

    private static final int HISTORIES = 150;
    private static final int OPS = 40;

    @Test
    void everyTargetCanStillReplicateIncrementallyAfterEveryPrune() throws Exception {
        for (long seed = 1; seed <= HISTORIES; seed++) {
            history(seed);
        }
    }

    private void history(long seed) throws Exception {
        Random rnd = new Random(seed);
        int n = 1 + rnd.nextInt(3);
        String[] jobs = new String[n];
        for (int i = 0; i < n; i++) {
            jobs[i] = "t" + i;
        }
        PruneWorld w = new PruneWorld(jobs);
        List<String> log = new ArrayList<>();
        int snaps = 0;
        for (int op = 0; op < OPS; op++) {
            int kind = rnd.nextInt(10);
            if (kind < 4 || snaps == 0) {
                w.snap("s" + snaps++);
                log.add("snap s" + (snaps - 1));
            } else if (kind < 8) {
                PruneWorld.Target t = w.target(rnd.nextInt(n));
                log.add(replicate(w, t, rnd));
            } else {
                PruneWorld.Target t = w.target(rnd.nextInt(n));
                List<Keep> senderRules = rules(rnd, true);
                List<Keep> receiverRules = rules(rnd, false);
                log.add("prune by " + t.job + " sender " + senderRules + " receiver " + receiverRules);
                prune(w, t, senderRules, receiverRules, seed, log);
                for (PruneWorld.Target u : w.targets) {
                    String broken = canReplicateIncrementally(w, u);
                    if (broken != null) {
                        fail("seed " + seed + ": target " + u.job + " " + broken + "\nhistory:\n" + String.join("\n", log)
                                + "\nsender: " + w.sourceVersions() + "\nreceiver: " + u.versions());
                    }
                }
            }
        }
    }

    /**
     * Replicates target {@code t} one step towards the sender's newest snapshot, protecting the step
     * as StepProtection does for the chosen guarantee, then cut before the receive (1 in 6), lose the
     * confirmation (1 in 6), or complete it.
     */
    private static String replicate(PruneWorld w, PruneWorld.Target t, Random rnd) throws Exception {
        List<FilesystemVersion> src = w.sourceVersions().stream().filter(FilesystemVersion::isSnapshot).toList();
        Outcome o = plan(w, t);
        if (!(o instanceof Outcome.Replicate r)) {
            return t.job + ": nothing to replicate (" + o.getClass().getSimpleName() + ")";
        }
        FilesystemVersion to = r.steps().get(0).to();
        Optional<FilesystemVersion> from = r.steps().get(0).from();
        int guarantee = rnd.nextInt(3);     // 0 resumability, 1 incremental, 2 nothing
        boolean resumability = guarantee == 0;
        List<FilesystemVersion> protect = new ArrayList<>();
        from.filter(FilesystemVersion::isSnapshot).ifPresent(protect::add);
        protect.add(to);
        for (FilesystemVersion v : guarantee == 2 ? List.<FilesystemVersion>of() : protect) {
            if (resumability) {
                if (!w.source.holds(PruneWorld.FS, v.name()).contains(AbstractionNames.stepHold(t.job))) {
                    w.source.hold(PruneWorld.FS, v.name(), AbstractionNames.stepHold(t.job));
                }
            } else if (w.sourceVersions().stream().noneMatch(x -> x.name().equals(AbstractionNames.tentativeCursor(v.guid(), t.job)))) {
                w.source.bookmark(PruneWorld.FS, VersionRef.snapshot(v.name()), AbstractionNames.tentativeCursor(v.guid(), t.job));
            }
        }
        int fate = rnd.nextInt(6);
        if (fate == 1 && guarantee == 2 && w.targets.size() > 1) {
            fate = 2;   // see the class comment: nothing protects another target's unconfirmed step
        }
        String what = t.job + ": " + from.map(FilesystemVersion::relativeName).orElse("full") + " -> @" + to.name()
                + " (" + List.of("resumability", "incremental", "nothing").get(guarantee) + ") of " + src.size();
        if (fate == 0) {
            return what + " cut before the receive";
        }
        w.replicate(t, to.name(), fate != 1);
        return what + (fate == 1 ? " received, confirmation lost" : " done");
    }

    private static Outcome plan(PruneWorld w, PruneWorld.Target t) throws Exception {
        return Planner.planFilesystem(new SenderFilesystem(PruneWorld.FS, w.sourceVersions()),
                Optional.of(new ReceiverFilesystem(PruneWorld.FS, t.versions(), Optional.empty(), false)), PlanPolicy.DEFAULT);
    }

    /** Null when {@code t} has nothing yet, is up to date, or would go incremental; else what is wrong. */
    private static String canReplicateIncrementally(PruneWorld w, PruneWorld.Target t) throws Exception {
        if (t.versions().stream().noneMatch(FilesystemVersion::isSnapshot)) {
            return null;
        }
        Outcome o = plan(w, t);
        if (o instanceof Outcome.UpToDate) {
            return null;
        }
        if (o instanceof Outcome.Replicate r && r.steps().get(0).from().isPresent()) {
            return null;
        }
        if (o instanceof org.jzrepl.replication.plan.NoSenderSnapshots) {
            // nothing to send until the next snapshot; then incremental from the receiver's newest,
            // if the sender still has its guid (a bookmark will do)
            List<FilesystemVersion> rs = t.versions().stream().filter(FilesystemVersion::isSnapshot).toList();
            Guid newest = rs.get(rs.size() - 1).guid();
            if (w.sourceVersions().stream().anyMatch(v -> v.guid().equals(newest))) {
                return null;
            }
        }
        return "cannot replicate incrementally: " + o;
    }

    private static void prune(PruneWorld w, PruneWorld.Target t, List<Keep> senderRules, List<Keep> receiverRules,
                              long seed, List<String> log) throws Exception {
        Set<String> keptBySenderRules = keptByRules(w.sourceVersions(), w.cursor(t).map(FilesystemVersion::guid), senderRules);
        Set<String> before = new HashSet<>(w.source.snapshotNames(PruneWorld.FS));
        Sleeper noSleep = (d, wake) -> false;
        PruneReport s = Pruner.sender(t.sender, t.receiver, t.job, senderRules, PruneSettings.DEFAULT, noSleep).run();
        checkRulesHonoured("sender", before, new HashSet<>(w.source.snapshotNames(PruneWorld.FS)), keptBySenderRules, seed, log);
        assertTrue(s.state() == PruneReport.State.DONE, "seed " + seed + ": " + s);
        if (t.versions().isEmpty()) {
            return;
        }
        Set<String> keptByReceiverRules = keptByRules(t.versions(), Optional.empty(), receiverRules);
        Set<String> rBefore = new HashSet<>(t.pool.snapshotNames(t.fs()));
        PruneReport r = Pruner.receiver(t.receiver, t.sender, receiverRules, PruneSettings.DEFAULT, noSleep).run();
        checkRulesHonoured("receiver", rBefore, new HashSet<>(t.pool.snapshotNames(t.fs())), keptByReceiverRules, seed, log);
        assertTrue(r.state() == PruneReport.State.DONE, "seed " + seed + ": " + r);
    }

    /** Every snapshot some rule keeps, evaluated rule by rule on the listing before the prune. */
    private static Set<String> keptByRules(List<FilesystemVersion> versions, Optional<Guid> cursor, List<Keep> rules) {
        List<PruneCandidate> cs = Candidates.of(versions, cursor);
        Set<String> kept = new HashSet<>();
        if (rules.isEmpty()) {
            cs.forEach(c -> kept.add(c.name()));
        }
        for (Keep k : rules) {
            Optional<java.util.Map<PruneCandidate, String>> m = k.keeps(cs);
            if (m.isEmpty()) {
                cs.forEach(c -> kept.add(c.name()));     // cannot decide: nothing may go
            } else {
                m.get().keySet().forEach(c -> kept.add(c.name()));
            }
        }
        return kept;
    }

    private static void checkRulesHonoured(String side, Set<String> before, Set<String> after, Set<String> kept,
                                           long seed, List<String> log) {
        for (String s : before) {
            if (!after.contains(s) && kept.contains(s)) {
                fail("seed " + seed + ": the " + side + " pruner destroyed @" + s + ", which a rule keeps\n"
                        + String.join("\n", log));
            }
        }
    }

    /** 0-3 rules of every kind; {@code not_replicated} only for the sender, as the config allows. */
    private static List<Keep> rules(Random rnd, boolean sender) {
        List<Keep> out = new ArrayList<>();
        int count = rnd.nextInt(4);
        for (int i = 0; i < count; i++) {
            switch (rnd.nextInt(sender ? 5 : 4)) {
                case 0 -> out.add(new KeepLastN(1 + rnd.nextInt(3), Pattern.compile(rnd.nextBoolean() ? "" : "[02468]$")));
                case 1 -> out.add(new KeepRegex(Pattern.compile("[05]$"), rnd.nextBoolean()));
                case 2 -> out.add(Snaps.grid("^s", rnd.nextBoolean() ? "1x3s(keep=all) | 2x4s" : "2x2s | 1x10s(keep=2)"));
                case 3 -> out.add(new KeepRegex(Pattern.compile("^never"), false));
                default -> out.add(new KeepNotReplicated(rnd.nextBoolean()));
            }
        }
        return out;
    }
}
