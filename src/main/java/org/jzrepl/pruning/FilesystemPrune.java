package org.jzrepl.pruning;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jzrepl.endpoint.Endpoint;
import org.jzrepl.endpoint.Messages.DestroyResult;
import org.jzrepl.endpoint.Messages.DestroySnapshotsRequest;
import org.jzrepl.pruning.FilesystemPrunePlan.KeptSnapshot;
import org.jzrepl.pruning.FilesystemPrunePlan.ProtectedSnapshot;
import org.jzrepl.pruning.PruneReport.FilesystemState;
import org.jzrepl.pruning.PruneReport.Held;
import org.jzrepl.util.LogText;
import org.jzrepl.zfs.Zfs;

/**
 * One filesystem's pruning across the tries of a run: plans, destroys the plan in requests of at
 * most {@link Zfs#MAX_DESTROY_SNAPSHOTS} names (the endpoint batches them into {@code zfs destroy
 * fs@a,b,c} commands that fit the command line and retries one by one around failures), and sorts
 * each answer: destroyed; refused by the endpoint (replication needs it: reported as protected,
 * not an error); held (skipped, holds named); or failed (an error, tried again next time). Results
 * for names not asked are ignored: a peer answers only for what it was asked. One thread.
 */
final class FilesystemPrune {

    /** Plans the filesystem afresh for a try. */
    interface PlanSource {
        FilesystemPrunePlan plan() throws IOException;
    }

    private final String filesystem;
    private final Endpoint target;
    private final Progress progress;
    private final Set<String> destroyed = new LinkedHashSet<>();
    private FilesystemState state = FilesystemState.PENDING;
    private FilesystemPrunePlan plan;
    private List<ProtectedSnapshot> refused = List.of();
    private List<Held> held = List.of();
    private int errors;
    private String lastError;

    FilesystemPrune(String filesystem, Endpoint target, Progress progress) {
        this.filesystem = filesystem;
        this.target = target;
        this.progress = progress;
        publish();
    }

    FilesystemState state() {
        return state;
    }

    void tryOnce(PlanSource source) {
        try {
            plan = source.plan();
        } catch (IOException | RuntimeException e) {
            fail("planning: " + Pruner.describe(e));
            return;
        }
        if (plan.isSkipped()) {
            state = FilesystemState.SKIPPED;
            publish();
            return;
        }
        List<ProtectedSnapshot> refusedNow = new ArrayList<>();
        List<Held> heldNow = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> todo = plan.destroy();
        for (int from = 0; from < todo.size(); from += Zfs.MAX_DESTROY_SNAPSHOTS) {
            List<String> batch = todo.subList(from, Math.min(todo.size(), from + Zfs.MAX_DESTROY_SNAPSHOTS));
            Map<String, DestroyResult> answers = new HashMap<>();
            try {
                for (DestroyResult r : target.destroySnapshots(new DestroySnapshotsRequest(filesystem, batch)).results()) {
                    answers.putIfAbsent(r.snapshot(), r);
                }
            } catch (IOException | RuntimeException e) {
                fail("destroying: " + Pruner.describe(e));
                return;
            }
            for (String s : batch) {
                DestroyResult r = answers.get(s);
                if (r == null) {
                    failed.add("@" + s + ": the endpoint gave no result for it");
                } else if (r.error() == null) {
                    destroyed.add(s);
                } else if (r.refused()) {
                    refusedNow.add(new ProtectedSnapshot(s, List.of(LogText.escape(r.error(), 500))));
                } else if (!r.holds().isEmpty()) {
                    heldNow.add(new Held(s, r.holds().stream().map(h -> LogText.escape(h, 300)).toList()));
                } else {
                    failed.add("@" + s + ": " + LogText.escape(r.error(), 500));
                }
            }
        }
        refused = refusedNow;
        held = heldNow;
        if (failed.isEmpty()) {
            state = FilesystemState.DONE;
            publish();
        } else {
            fail(failed.size() + " of " + todo.size() + " snapshots not destroyed, first " + failed.get(0));
        }
    }

    private void fail(String why) {
        errors++;
        lastError = why;
        state = FilesystemState.FAILED;
        progress.error();
        publish();
    }

    private void publish() {
        List<KeptSnapshot> kept = new ArrayList<>();
        List<ProtectedSnapshot> prot = new ArrayList<>();
        List<String> planned = List.of();
        String skipped = null;
        if (plan != null) {
            kept.addAll(plan.kept());
            prot.addAll(plan.protectedSnapshots());
            planned = plan.destroy();
            skipped = plan.skipped();
            for (ProtectedSnapshot p : refused) {
                kept.add(new KeptSnapshot(p.snapshot(), List.of(), p.reasons()));
                prot.add(p);
            }
        }
        progress.update(new PruneReport.Filesystem(filesystem, state, planned, List.copyOf(destroyed), kept, prot,
                held, skipped, errors, lastError), destroyed.size());
    }
}
