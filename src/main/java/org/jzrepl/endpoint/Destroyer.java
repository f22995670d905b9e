package org.jzrepl.endpoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jzrepl.endpoint.Messages.DestroyResult;
import org.jzrepl.endpoint.Messages.DestroySnapshotsResponse;
import org.jzrepl.zfs.DatasetBusyException;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.VersionRef;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * Destroys snapshots for a prune request, reporting each one; protected names are refused. The
 * work per request is bounded before zfs runs: at most {@link Zfs#MAX_DESTROY_SNAPSHOTS} names, each
 * checked, then one listing of the filesystem and a set lookup per name, so only snapshots that
 * exist reach {@code zfs destroy}. A name that does not exist is reported destroyed: the pruner
 * wants it gone, and it is. A snapshot zfs refuses as busy is reported with its hold tags (looked
 * up for the first {@value #MAX_HOLDS_LOOKUPS} such snapshots of a request), so the pruner can
 * say which hold keeps it.
 */
final class Destroyer {
    /** At most this many {@code zfs holds} per request, to name the holds on busy snapshots. */
    static final int MAX_HOLDS_LOOKUPS = 64;

    private Destroyer() {
    }

    /**
     * @param refusedOf from the listed filesystem, snapshot name → why it must stay; those are
     *                  reported, not destroyed
     */
    static DestroySnapshotsResponse destroy(Zfs zfs, DatasetPath fs, List<String> snapshots,
                                            Function<DatasetInfo, Map<String, String>> refusedOf)
            throws EndpointException {
        Set<String> wanted = checked(fs, snapshots);
        DatasetInfo ds = Versions.require(zfs, fs);
        Map<String, String> refused = refusedOf.apply(ds);
        Set<String> existing = new HashSet<>();
        for (FilesystemVersion v : ds.snapshots()) {
            existing.add(v.name());
        }
        List<String> todo = new ArrayList<>();
        for (String s : wanted) {
            if (!refused.containsKey(s) && existing.contains(s)) {
                todo.add(s);
            }
        }
        org.jzrepl.zfs.DestroyResult r;
        try {
            r = todo.isEmpty() ? new org.jzrepl.zfs.DestroyResult(List.of(), Map.of()) : zfs.destroySnapshots(fs, todo);
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("destroying snapshots of " + fs, e);
        }
        List<DestroyResult> out = new ArrayList<>(snapshots.size());
        int lookups = 0;
        for (String s : snapshots) {
            String why = refused.get(s);
            List<String> holds = List.of();
            ZfsException failure = why == null ? r.failed().get(s) : null;
            if (failure != null) {
                why = failure.getMessage();
                if (failure instanceof DatasetBusyException && lookups++ < MAX_HOLDS_LOOKUPS) {
                    holds = holds(zfs, fs, s);
                }
            }
            out.add(new DestroyResult(s, why, holds, refused.containsKey(s)));
        }
        return new DestroySnapshotsResponse(out);
    }

    /**
     * The hold tags on a snapshot zfs refused as busy, so the pruner can name them; at most
     * {@link #MAX_HOLDS_LOOKUPS} lookups per request bound the work. Empty when it is not held
     * (busy for another reason) or the lookup fails.
     */
    private static List<String> holds(Zfs zfs, DatasetPath fs, String snapshot) {
        try {
            return zfs.holds(fs, snapshot);
        } catch (ZfsException e) {
            return List.of();
        }
    }

    /** The names, each once, after the count and then each name is checked; nothing has run yet. */
    private static Set<String> checked(DatasetPath fs, List<String> snapshots) throws EndpointException {
        if (snapshots.size() > Zfs.MAX_DESTROY_SNAPSHOTS) {
            throw new EndpointException(EndpointException.REFUSED, "destroy " + fs + ": " + snapshots.size()
                    + " snapshot names in one request, at most " + Zfs.MAX_DESTROY_SNAPSHOTS
                    + " are accepted (split the list)");
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String s : snapshots) {
            try {
                wanted.add(VersionRef.checkName(s));
            } catch (IllegalArgumentException e) {
                throw new EndpointException(EndpointException.REFUSED, "destroy " + fs + ": " + e.getMessage());
            }
        }
        return wanted;
    }
}
