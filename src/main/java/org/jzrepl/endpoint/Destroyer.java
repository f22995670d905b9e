package org.jzrepl.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jzrepl.endpoint.Messages.DestroyResult;
import org.jzrepl.endpoint.Messages.DestroySnapshotsResponse;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.VersionRef;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/** Destroys snapshots for a prune request, reporting each one; protected names are refused. */
final class Destroyer {

    private Destroyer() {
    }

    /**
     * @param refused snapshot name → why it must stay; those are reported, not destroyed
     */
    static DestroySnapshotsResponse destroy(Zfs zfs, DatasetPath fs, List<String> snapshots,
                                            Map<String, String> refused) throws EndpointException {
        List<String> todo = new ArrayList<>();
        for (String s : snapshots) {
            try {
                VersionRef.checkName(s);
            } catch (IllegalArgumentException e) {
                throw new EndpointException(EndpointException.REFUSED, "destroy " + fs + ": " + e.getMessage());
            }
            if (!refused.containsKey(s) && !todo.contains(s)) {
                todo.add(s);
            }
        }
        org.jzrepl.zfs.DestroyResult r;
        try {
            r = todo.isEmpty() ? new org.jzrepl.zfs.DestroyResult(List.of(), Map.of()) : zfs.destroySnapshots(fs, todo);
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("destroying snapshots of " + fs, e);
        }
        List<DestroyResult> out = new ArrayList<>();
        for (String s : snapshots) {
            String why = refused.get(s);
            if (why == null && r.failed().containsKey(s)) {
                why = r.failed().get(s).getMessage();
            }
            out.add(new DestroyResult(s, why));
        }
        return new DestroySnapshotsResponse(out);
    }
}
