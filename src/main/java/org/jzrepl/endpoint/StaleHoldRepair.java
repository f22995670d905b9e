package org.jzrepl.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jzrepl.endpoint.Messages.DestroyResult;
import org.jzrepl.endpoint.Messages.DestroySnapshotsResponse;
import org.jzrepl.util.LogText;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's self-repair of stale last-received holds, where they hurt: when pruning. A
 * receive moves the job's {@code jzrepl_last_received_J_<job>} hold from the newest few snapshots
 * before it ({@link LastReceivedHold}); one older that still carries it (left by daemons that died
 * between receives and their holds several times running) protects nothing, yet zfs refuses to
 * destroy it, and pruning would report it held for ever. So when zfs refused a snapshot the
 * pruner wants gone as busy, and the tag is among its holds, while the filesystem's newest
 * snapshot carries the tag too (it is the base the next step starts from), the tag is released
 * from those snapshots and they are destroyed again. Other holds are never touched: a snapshot
 * that has them stays, reported with them. Nothing runs in the usual case; a repair costs one
 * {@code zfs holds}, one {@code zfs release} and one {@code zfs destroy}. When the newest snapshot
 * does not carry the tag (no hold is kept under {@code guarantee_nothing}, or a receive is moving
 * it right now), nothing is released.
 */
final class StaleHoldRepair {
    private static final Logger LOG = LoggerFactory.getLogger(ZfsReceiver.class);

    private final Zfs zfs;
    private final String tag;

    StaleHoldRepair(Zfs zfs, String job) {
        this.zfs = zfs;
        this.tag = AbstractionNames.lastReceivedHold(job);
    }

    /**
     * The response, with the snapshots whose only obstacle was a stale last-received hold
     * destroyed; {@code newest} is the filesystem's newest snapshot when the destroy listed it
     * (null: it had none).
     */
    DestroySnapshotsResponse repair(DatasetPath fs, String newest, DestroySnapshotsResponse response) {
        Set<String> stale = new LinkedHashSet<>();
        for (DestroyResult r : response.results()) {
            if (r.error() != null && !r.refused() && r.holds().contains(tag) && !r.snapshot().equals(newest)) {
                stale.add(r.snapshot());
            }
        }
        if (stale.isEmpty() || newest == null || !heldByTag(fs, newest)) {
            return response;
        }
        try {
            zfs.release(fs, List.copyOf(stale), tag);
        } catch (DatasetNotFoundException someWithoutIt) {
            // released from the others all the same (zfs goes on past a snapshot without the tag)
        } catch (ZfsException e) {
            LOG.warn("could not release the stale hold {} from {} snapshot(s) of {}: {}", tag, stale.size(), fs,
                    LogText.escape(e.getMessage()));
            return response;
        }
        List<String> free = new ArrayList<>();
        for (DestroyResult r : response.results()) {
            if (stale.contains(r.snapshot()) && r.holds().size() == 1 && !free.contains(r.snapshot())) {
                free.add(r.snapshot());
            }
        }
        // a warning: something left the hold behind (a daemon that died between receives and holds)
        LOG.warn("released the stale hold {} from {} snapshot(s) of {} (the newest, @{}, carries it); destroying {}"
                + " of them again", tag, stale.size(), fs, LogText.escape(newest), free.size());
        Map<String, ZfsException> failed = Map.of();
        if (!free.isEmpty()) {
            try {
                failed = zfs.destroySnapshots(fs, free).failed();
            } catch (ZfsException e) {
                LOG.warn("destroying {} snapshot(s) of {} after releasing their stale hold failed: {}", free.size(),
                        fs, LogText.escape(e.getMessage()));
                return withoutTag(response, stale, Set.of(), Map.of());
            }
        }
        return withoutTag(response, stale, Set.copyOf(free), failed);
    }

    /** Whether {@code fs@snapshot} carries the tag; false when that cannot be told. */
    private boolean heldByTag(DatasetPath fs, String snapshot) {
        try {
            return zfs.holds(fs, snapshot).contains(tag);
        } catch (ZfsException e) {
            return false;
        }
    }

    /**
     * The results after the repair: a destroyed snapshot reports success, one destroyed again in
     * vain its new failure, and every stale one its holds without the released tag.
     */
    private DestroySnapshotsResponse withoutTag(DestroySnapshotsResponse response, Set<String> stale,
                                                Set<String> retried, Map<String, ZfsException> failed) {
        List<DestroyResult> out = new ArrayList<>(response.results().size());
        for (DestroyResult r : response.results()) {
            if (!stale.contains(r.snapshot())) {
                out.add(r);
                continue;
            }
            List<String> others = r.holds().stream().filter(h -> !h.equals(tag)).toList();
            ZfsException again = failed.get(r.snapshot());
            if (retried.contains(r.snapshot()) && again == null) {
                out.add(new DestroyResult(r.snapshot(), null, List.of(), false));
            } else {
                out.add(new DestroyResult(r.snapshot(), again != null ? again.getMessage() : r.error(), others, false));
            }
        }
        return new DestroySnapshotsResponse(out);
    }
}
