package org.jzrepl.replication.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jzrepl.config.ConflictResolution.UnresumablePartialReceive;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.replication.plan.ResumeTokenMismatch.Reason;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.ResumeToken;

/**
 * Decides what to send, per filesystem, from the two sides' listings. Pure: no I/O, no state.
 *
 * <p>Per sender filesystem, in this order:
 * <ol>
 *   <li>sender placeholder: nothing to send ({@link Outcome.SenderPlaceholder});</li>
 *   <li>no sender snapshot: {@link NoSenderSnapshots};</li>
 *   <li>receiver resume token: resume first ({@code to} = sender snapshot with the token's toguid,
 *       {@code from} = sender version with its fromguid), then incrementals through every newer
 *       sender snapshot; a token that does not fit is a {@link ResumeTokenMismatch}, unless its
 *       source is gone from the sender and {@link PlanPolicy#partialReceive()} is {@code abort}:
 *       then the filesystem is planned as below, as if it had no token (the first step, not a
 *       resume, makes the receiver discard the partial state);</li>
 *   <li>receiver absent, placeholder, or without snapshots: initial replication by
 *       {@link PlanPolicy#initial()};</li>
 *   <li>otherwise the newest receiver snapshot whose guid the sender has (snapshot preferred,
 *       bookmark allowed) is the common version: none is {@link NoCommonAncestor}; receiver
 *       snapshots newer than it are {@link Diverged}; no newer sender snapshot is
 *       {@link Outcome.UpToDate}; else one incremental step per newer sender snapshot.</li>
 * </ol>
 * Filesystems only the receiver has are ignored. Cost: O(n log n) in the versions of a filesystem.
 */
public final class Planner {

    private Planner() {
    }

    /**
     * Plans every sender filesystem. Throws IllegalArgumentException if a side lists a
     * filesystem twice.
     */
    public static Plan plan(List<SenderFilesystem> senders, List<ReceiverFilesystem> receivers, PlanPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        Map<DatasetPath, ReceiverFilesystem> receiverByPath = new HashMap<>(receivers.size() * 2);
        for (ReceiverFilesystem r : receivers) {
            if (receiverByPath.putIfAbsent(r.path(), r) != null) {
                throw new IllegalArgumentException("the receiver lists " + r.path() + " twice");
            }
        }
        List<SenderFilesystem> ordered = new ArrayList<>(senders);
        ordered.sort(Comparator.comparing(SenderFilesystem::path));
        Set<DatasetPath> planned = new HashSet<>(ordered.size() * 2);
        List<FilesystemPlan> out = new ArrayList<>(ordered.size());
        for (SenderFilesystem s : ordered) {
            if (!planned.add(s.path())) {
                throw new IllegalArgumentException("the sender lists " + s.path() + " twice");
            }
            Outcome outcome = planFilesystem(s, Optional.ofNullable(receiverByPath.get(s.path())), policy);
            out.add(new FilesystemPlan(s.path(), nearestPlannedAncestor(s.path(), planned), outcome));
        }
        return new Plan(out);
    }

    /** Plans one filesystem; {@code receiver} is empty when the receiver does not have it. */
    public static Outcome planFilesystem(SenderFilesystem sender, Optional<ReceiverFilesystem> receiver,
                                         PlanPolicy policy) {
        DatasetPath fs = sender.path();
        if (receiver.isPresent() && !receiver.get().path().equals(fs)) {
            throw new IllegalArgumentException("receiver filesystem " + receiver.get().path()
                    + " paired with sender filesystem " + fs);
        }
        if (sender.placeholder()) {
            return new Outcome.SenderPlaceholder();
        }
        SortedVersions snd = SortedVersions.of(sender.versions());
        SortedVersions rcv = SortedVersions.of(receiver.map(ReceiverFilesystem::versions).orElse(List.of()));
        if (!snd.hasSnapshots()) {
            return new NoSenderSnapshots(fs, snd.all(), rcv.all());
        }
        Optional<ResumeToken> token = receiver.flatMap(ReceiverFilesystem::resumeToken);
        if (token.isPresent()) {
            Outcome resumed = resume(fs, token.get(), snd, rcv);
            if (!(resumed instanceof ResumeTokenMismatch m && discards(m, policy))) {
                return resumed;
            }
            // planned as if the partial receive were not there: the first step is not a resume,
            // so the receiver discards the partial state (zfs recv -A) before it receives
        }
        boolean placeholder = receiver.map(ReceiverFilesystem::placeholder).orElse(false);
        if (placeholder || !rcv.hasSnapshots()) {
            return initial(fs, snd, rcv, policy.initial());
        }
        return incremental(fs, snd, rcv);
    }

    private static Outcome resume(DatasetPath fs, ResumeToken token, SortedVersions snd, SortedVersions rcv) {
        if (!tokenNames(token, fs)) {
            return new ResumeTokenMismatch(fs, token, Reason.OTHER_FILESYSTEM, snd.all(), rcv.all());
        }
        int to = snd.indexOf(token.toGuid());
        if (to < 0 || !snd.get(to).isSnapshot()) {
            return new ResumeTokenMismatch(fs, token, Reason.TO_NOT_ON_SENDER, snd.all(), rcv.all());
        }
        Optional<FilesystemVersion> from = Optional.empty();
        if (token.fromGuid().isPresent()) {
            int f = snd.indexOf(token.fromGuid().get());
            if (f < 0) {
                return new ResumeTokenMismatch(fs, token, Reason.FROM_NOT_ON_SENDER, snd.all(), rcv.all());
            }
            if (f >= to) {
                return new ResumeTokenMismatch(fs, token, Reason.FROM_NOT_OLDER, snd.all(), rcv.all());
            }
            from = Optional.of(snd.get(f));
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(fs, from, snd.get(to), Optional.of(token)));
        chain(fs, snd.get(to), snd.snapshotsAfter(to), steps);
        return new Outcome.Replicate(steps);
    }

    /**
     * Whether {@code policy} discards this partial receive: only one whose source is gone from the
     * sender ({@code to}, or the incremental {@code from}), never a token that names another
     * filesystem or has its versions out of order (those point at a bug or a forgery).
     */
    private static boolean discards(ResumeTokenMismatch m, PlanPolicy policy) {
        return policy.partialReceive() == UnresumablePartialReceive.ABORT
                && (m.reason() == Reason.TO_NOT_ON_SENDER || m.reason() == Reason.FROM_NOT_ON_SENDER);
    }

    private static boolean tokenNames(ResumeToken token, DatasetPath fs) {
        try {
            return token.toFilesystem().equals(fs);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static Outcome initial(DatasetPath fs, SortedVersions snd, SortedVersions rcv, InitialReplication policy) {
        List<FilesystemVersion> snapshots = snd.snapshots();
        List<Step> steps = new ArrayList<>();
        switch (policy) {
            case MOST_RECENT -> steps.add(full(fs, snapshots.get(snapshots.size() - 1)));
            case ALL -> {
                steps.add(full(fs, snapshots.get(0)));
                chain(fs, snapshots.get(0), snapshots.subList(1, snapshots.size()), steps);
            }
            case FAIL -> {
                return new InitialReplicationRefused(fs, snd.all(), rcv.all());
            }
        }
        return new Outcome.Replicate(steps);
    }

    private static Outcome incremental(DatasetPath fs, SortedVersions snd, SortedVersions rcv) {
        List<FilesystemVersion> rcvSnapshots = rcv.snapshots();
        for (int r = rcvSnapshots.size() - 1; r >= 0; r--) {
            int s = snd.indexOf(rcvSnapshots.get(r).guid());
            if (s < 0) {
                continue;
            }
            List<FilesystemVersion> newer = snd.snapshotsAfter(s);
            if (r != rcvSnapshots.size() - 1) {
                return new Diverged(fs, snd.get(s), rcvSnapshots.get(r), newer,
                        rcvSnapshots.subList(r + 1, rcvSnapshots.size()), snd.all(), rcv.all());
            }
            if (newer.isEmpty()) {
                return new Outcome.UpToDate(snd.get(s));
            }
            List<Step> steps = new ArrayList<>(newer.size());
            chain(fs, snd.get(s), newer, steps);
            return new Outcome.Replicate(steps);
        }
        return new NoCommonAncestor(fs, snd.all(), rcv.all());
    }

    /** Appends {@code start -> next[0]}, {@code next[0] -> next[1]}, ... */
    private static void chain(DatasetPath fs, FilesystemVersion start, List<FilesystemVersion> next, List<Step> out) {
        FilesystemVersion from = start;
        for (FilesystemVersion to : next) {
            out.add(new Step(fs, Optional.of(from), to, Optional.empty()));
            from = to;
        }
    }

    private static Step full(DatasetPath fs, FilesystemVersion to) {
        return new Step(fs, Optional.empty(), to, Optional.empty());
    }

    private static Optional<DatasetPath> nearestPlannedAncestor(DatasetPath fs, Set<DatasetPath> planned) {
        for (DatasetPath p = fs; !p.isRoot(); ) {
            p = p.parent();
            if (planned.contains(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
