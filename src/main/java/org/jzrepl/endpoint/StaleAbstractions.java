package org.jzrepl.endpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jzrepl.zfs.DatasetPath;

/**
 * Decides which holds and cursors no longer protect anything: a pure function of what is on
 * the datasets and which jobs have a step in progress. Per filesystem, job and client (a source
 * job's per-client names are judged per client; its job-only names from before per-client names
 * form a group of their own, so the newest legacy cursor stays: it may be the incremental base of a
 * client that has not replicated since the upgrade):
 * <ul>
 *   <li>cursors: all but the newest (by createtxg) are stale;</li>
 *   <li>last-received holds: all but the one on the newest held snapshot are stale;</li>
 *   <li>step holds and tentative cursors: stale when the job has no step in progress, and also
 *       when they are older than the newest cursor (a finished step's leftovers; a running step's
 *       {@code from} is the cursor itself, never older);</li>
 *   <li>zrepl's ({@linkplain Abstraction#foreign() foreign}) ones are never stale to jzrepl.</li>
 * </ul>
 */
public final class StaleAbstractions {

    private StaleAbstractions() {
    }

    private record Key(DatasetPath fs, String job, String client) {
    }

    /** The stale ones among {@code all}, in the order given. */
    public static List<Abstraction> stale(List<Abstraction> all, Set<String> jobsWithStepsInProgress) {
        Map<Key, List<Abstraction>> byKey = new HashMap<>();
        for (Abstraction a : all) {
            if (!a.foreign()) {
                byKey.computeIfAbsent(new Key(a.filesystem(), a.job(), a.client()), k -> new ArrayList<>()).add(a);
            }
        }
        Map<Key, Abstraction> newestCursor = new HashMap<>();
        Map<Key, Abstraction> newestLastReceived = new HashMap<>();
        byKey.forEach((k, list) -> {
            newest(list, AbstractionType.CURSOR).ifPresent(a -> newestCursor.put(k, a));
            newest(list, AbstractionType.LAST_RECEIVED_HOLD).ifPresent(a -> newestLastReceived.put(k, a));
        });
        List<Abstraction> stale = new ArrayList<>();
        for (Abstraction a : all) {
            if (a.foreign()) {
                continue;
            }
            Key k = new Key(a.filesystem(), a.job(), a.client());
            boolean isStale = switch (a.type()) {
                case CURSOR -> !a.equals(newestCursor.get(k));
                case LAST_RECEIVED_HOLD -> !a.equals(newestLastReceived.get(k));
                case STEP_HOLD, TENTATIVE_CURSOR -> !jobsWithStepsInProgress.contains(a.job())
                        || (newestCursor.containsKey(k) && a.createTxg() < newestCursor.get(k).createTxg());
            };
            if (isStale) {
                stale.add(a);
            }
        }
        return stale;
    }

    private static Optional<Abstraction> newest(List<Abstraction> list, AbstractionType type) {
        return list.stream().filter(a -> a.type() == type)
                .max(Comparator.comparingLong(Abstraction::createTxg));
    }
}
