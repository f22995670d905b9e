package org.jzrepl.zfs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Outcome of destroying a list of snapshots: the ones destroyed and, for each one that was not,
 * the typed error zfs gave (held snapshots fail with {@link DatasetBusyException}).
 */
public record DestroyResult(List<String> destroyed, Map<String, ZfsException> failed) {

    public DestroyResult {
        destroyed = List.copyOf(destroyed);
        failed = Map.copyOf(new TreeMap<>(failed));
    }

    public boolean allDestroyed() {
        return failed.isEmpty();
    }
}
