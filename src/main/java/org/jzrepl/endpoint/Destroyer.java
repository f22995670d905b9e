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
 * wants it gone, and it is.
 */
final class Destroyer {

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
        for (String s : snapshots) {
            String why = refused.get(s);
            if (why == null && r.failed().containsKey(s)) {
                why = r.failed().get(s).getMessage();
            }
            out.add(new DestroyResult(s, why));
        }
        return new DestroySnapshotsResponse(out);
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
